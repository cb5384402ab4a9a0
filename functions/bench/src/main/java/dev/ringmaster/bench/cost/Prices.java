package dev.ringmaster.bench.cost;

/**
 * The prices `bench cost` uses: public US East (N. Virginia) on-demand prices, free tiers left out (a team's other
 * workloads may use them up). Where each was read is beside it; none was read from AWS's price tables here (they
 * cannot be browsed from this machine), so each is marked verified only where an AWS page's own text states it.
 */
public final class Prices {
    private static final String AS_OF = " (read 2026-12-02)";
    public static final Price LAMBDA_REQUEST = new Price(0.20 / 1e6, "request",
            "AWS whitepaper 'How AWS Pricing Works: Lambda' (docs.aws.amazon.com): $0.20 per 1M requests" + AS_OF, true);
    public static final Price LAMBDA_GB_SECOND = new Price(0.0000166667, "GB-second",
            "aws.amazon.com/lambda/pricing: $0.00001667 per GB-second in its example; $0.0000166667, x86, first 6 billion GB-s a"
                    + " month, per cloudchipr.com 'AWS Lambda pricing'" + AS_OF, true);
    public static final Price DYNAMODB_READ = new Price(0.125 / 1e6, "read request unit",
            "aws.amazon.com/dynamodb/pricing/on-demand after the 1 Nov 2024 cut, as summarized by airbyte.com 'DynamoDB pricing': "
                    + "$0.125 per 1M RRU" + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price DYNAMODB_WRITE = new Price(0.625 / 1e6, "write request unit",
            "same source: $0.625 per 1M WRU" + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price SCHEDULER = new Price(1.00 / 1e6, "invocation",
            "aws.amazon.com/eventbridge/pricing, as summarized by cloudburn.io 'Amazon EventBridge pricing' (Mar 2026): $1.00 per 1M "
                    + "invocations after 14M free a month" + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price CUSTOM_EVENT = new Price(1.00 / 1e6, "event",
            "same source: custom events $1.00 per 1M" + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price LOG_INGESTION = new Price(0.50, "GB",
            "aws.amazon.com/cloudwatch/pricing, as summarized by signoz.io and factualminds.com (2026): Logs ingestion $0.50 per GB"
                    + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price ALARM = new Price(0.10, "alarm-month",
            "aws.amazon.com/cloudwatch/pricing, as summarized by the same pages: $0.10 per standard-resolution alarm metric a month"
                    + AS_OF + "; UNVERIFIED on AWS's page", false);
    public static final Price CUSTOM_METRIC = new Price(0.30, "metric-month",
            "same sources: custom metrics $0.30 per metric a month (first 10,000), prorated by the hour" + AS_OF
                    + "; UNVERIFIED on AWS's page", false);
    public static final Price SECRET = new Price(0.40, "secret-month",
            "aws.amazon.com/secrets-manager/pricing, as summarized by hivebook.wiki: $0.40 per secret a month" + AS_OF
                    + "; UNVERIFIED on AWS's page", false);

    private Prices() {
    }
}
