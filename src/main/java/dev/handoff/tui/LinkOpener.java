package dev.handoff.tui;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Opens a link in the operator's browser or WhatsApp, when this machine can. */
@FunctionalInterface
public interface LinkOpener {

    /** True when a browser was started; false when the caller should show the link instead. */
    boolean open(String url);

    /** The {@code w} key: opens the selected handoff's chat and says in the status line what happened. */
    default void openSelected(QueueView view, int maskDigits) {
        QueueEntry e = view.selected();
        if (e == null) {
            view.setMessage("nothing selected", true);
            return;
        }
        String url = e.whatsappUrl();
        if (!Text.isPlainUrl(url)) {
            view.setMessage("#" + e.id() + " has no WhatsApp link (no usable phone number)", true);
        } else if (open(url)) {
            view.setMessage("opened the WhatsApp chat of #" + e.id(), false);
        } else if (maskDigits > 0) {
            view.setMessage("no browser can be opened here; Enter shows the link of #" + e.id(), false);
        } else {
            view.setMessage("no browser can be opened here; open " + url, false);
        }
    }

    /**
     * {@code open} on macOS, {@code xdg-open} on a Linux desktop (DISPLAY or WAYLAND_DISPLAY set),
     * else {@link Desktop} when the JVM has one. Arguments go to the program directly, never
     * through a shell, and only plain http(s) URLs are opened.
     */
    static LinkOpener system(Map<String, String> env) {
        return url -> {
            if (!Text.isPlainUrl(url)) {
                return false;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command = null;
            if (os.contains("mac")) {
                command = List.of("open", url);
            } else if (!os.contains("win") && (env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY"))
                    && onPath(env.get("PATH"), "xdg-open")) {
                command = List.of("xdg-open", url);
            }
            if (command != null) {
                try {
                    new ProcessBuilder(command)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .redirectInput(ProcessBuilder.Redirect.from(new File(os.contains("win") ? "NUL" : "/dev/null")))
                            .start();
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            }
            try {
                if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(URI.create(url));
                    return true;
                }
            } catch (Exception | LinkageError e) {
                return false;
            }
            return false;
        };
    }

    private static boolean onPath(String path, String program) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
