package dev.ringmaster.adapters.email;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.notify.MessageText;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Channel {@code email} (seed 004 "Email: Executive briefing if Sev 1"): one Amazon SES v2 SendEmail per message,
 * from the rule's {@code from} (an identity verified in SES) to its {@code to}, subject "[SEVERITY] title", the
 * briefing as plain text ({@link MessageText}) and as simple HTML. The SDK retries throttling and 5xx; any error
 * left fails the send naming SES's error code (MessageRejected, MailFromDomainNotVerifiedException, …).
 */
public final class EmailNotifier implements Notifier {
    private static final String UTF_8 = "UTF-8";

    private final SesV2Client ses;

    public EmailNotifier(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        if (rule.to().isEmpty()) {
            throw new IllegalArgumentException("email rule has no 'to': one or more addresses");
        }
        if (rule.from() == null || rule.from().isBlank()) {
            throw new IllegalArgumentException("email rule to " + String.join(", ", rule.to()) + " has no 'from': an address verified in SES");
        }
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(rule.from())
                .destination(Destination.builder().toAddresses(rule.to()).build())
                .content(EmailContent.builder().simple(m -> m
                        .subject(text(MessageText.headline(message)))
                        .body(Body.builder().text(text(MessageText.plain(message))).html(text(EmailHtml.of(message))).build())).build())
                .build();
        try {
            ses.sendEmail(request);
        } catch (SdkException e) {
            throw new IllegalStateException("email " + message.event() + " of " + message.rolloutId() + " from " + rule.from() + " to "
                    + String.join(", ", rule.to()) + " not sent: SES " + AwsClients.reason(e), e);
        }
    }

    private static Content text(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }
}
