package dev.ringmaster.adapters.slack;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Screenshots of an HTML page with Debian's headless Chromium, cut to the page's content. */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    static final int WIDTH = 800;
    /** Taller than any message; the empty rows below the content are cut off afterwards. */
    static final int HEIGHT = 2_400;

    private Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Writes {@code html} beside {@code png} and a screenshot of it to {@code png}. */
    public static void screenshot(String html, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path page = Files.createTempFile("ringmaster-notification-", ".html");
            Files.writeString(page, html, StandardCharsets.UTF_8);
            Path log = Files.createTempFile("ringmaster-chromium-", ".log");
            Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--window-size=" + WIDTH + "," + HEIGHT,
                    "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium took over 120 s for " + png + "; its output is in " + log);
            }
            if (p.exitValue() != 0 || !Files.exists(png)) {
                throw new IllegalStateException("chromium exited " + p.exitValue() + " without " + png + ": " + Files.readString(log));
            }
            Files.delete(page);
            Files.delete(log);
            trim(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Cuts the rows below the content (the page's background colour, as in the bottom-left pixel), keeping a margin. */
    static void trim(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = ImageIO.read(png.toFile());
        int background = image.getRGB(0, image.getHeight() - 1);
        int last = 0;
        for (int y = image.getHeight() - 1; y >= 0 && last == 0; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) {
                    last = y;
                    break;
                }
            }
        }
        int height = Math.min(image.getHeight(), last + 16);
        ImageIO.write(image.getSubimage(0, 0, image.getWidth(), height), "png", png.toFile());
    }
}
