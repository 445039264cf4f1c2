package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.tui.TailKeys.Op;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOError;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The full-screen queue, shaped like JLine's own {@code TTop}: raw mode and the alternate screen,
 * a {@link KeyMap} read by a {@link BindingReader}, {@link Display} for diff redraws, a WINCH
 * handler for resizes, and everything restored in {@code finally} (also after Ctrl-C and errors).
 *
 * <p>One UI thread owns the {@link QueueView}. Keys (read on their own thread), source changes,
 * connection states, resizes and action results all arrive as events on one queue; the UI thread
 * applies every waiting event, then redraws once, so a burst of changes costs one frame.
 */
public final class TailUi {

    private final Terminal terminal;
    private final QueueSource source;
    private final TailSettings settings;
    private final LinkOpener opener;
    private final QueueView view;
    private final QueueScreen screen;
    private final Display display;
    private final BindingReader bindingReader;
    private final KeyMap<Op> keys;
    private final Size size = new Size();
    private final BlockingQueue<TailEvent> events = new LinkedBlockingQueue<>();
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tail-actions");
        t.setDaemon(true);
        return t;
    });

    private final ScreenMode.Stopper stopper;
    private ScreenMode mode;
    private volatile boolean quit;
    /** Ended by SIGINT or the Ctrl-C key, not by q: the command exits 130. */
    private boolean interrupted;
    private HandoffException fatal;

    public TailUi(Terminal terminal, QueueSource source, QueueView view, TailSettings settings, LinkOpener opener) {
        this(terminal, source, view, settings, opener, ScreenMode::stopProcess);
    }

    /** With the way Ctrl-Z stops the process: tests cannot stop their own JVM. */
    TailUi(Terminal terminal, QueueSource source, QueueView view, TailSettings settings, LinkOpener opener,
           ScreenMode.Stopper stopper) {
        this.stopper = stopper;
        this.terminal = terminal;
        this.source = source;
        this.settings = settings;
        this.opener = opener;
        this.view = view;
        this.screen = new QueueScreen(settings, source.describe());
        this.display = new Display(terminal, true);
        this.bindingReader = new BindingReader(terminal.reader());
        this.keys = TailKeys.bind(terminal);
    }

    /**
     * Runs until q, Ctrl-C (the key or SIGINT), end of input, or a fatal source error (rethrown after
     * the terminal is restored).
     *
     * @return true when Ctrl-C or SIGINT ended it (exit 130), false for q or the end of input
     */
    public boolean run() throws IOException {
        copySize();
        Terminal.SignalHandler prevWinch = terminal.handle(Terminal.Signal.WINCH, s -> events.add(new TailEvent.Resized()));
        Terminal.SignalHandler prevInt = terminal.handle(Terminal.Signal.INT, s -> events.add(new TailEvent.Interrupted()));
        // Ctrl-Z is handled on the UI thread, between two frames, so that no frame is half drawn when the
        // terminal is given back; SIGCONT alone (kill -STOP, then -CONT) also gets a full repaint
        Terminal.SignalHandler prevTstp = terminal.handle(Terminal.Signal.TSTP, s -> events.add(new TailEvent.Suspend()));
        Terminal.SignalHandler prevCont = terminal.handle(Terminal.Signal.CONT, s -> events.add(new TailEvent.Continued()));
        ScreenMode mode = new ScreenMode(terminal);
        this.mode = mode;
        // SIGTERM (and a Ctrl-C delivered to the JVM, not the terminal) skip the finally below
        Thread restoreOnExit = new Thread(mode::close, "tail-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        Thread keyReader = null;
        try {
            mode.enter();

            source.start(new QueueSource.Listener() {
                @Override
                public void onSnapshot(QueueSource.Snapshot snapshot) {
                    events.add(new TailEvent.SnapshotArrived(snapshot));
                }

                @Override
                public void onChange(QueueEntry entry, long seq) {
                    events.add(new TailEvent.ChangeArrived(entry, seq));
                }

                @Override
                public void onState(ConnectionState state) {
                    events.add(new TailEvent.StateChanged(state));
                }

                @Override
                public void onFatal(HandoffException error) {
                    events.add(new TailEvent.SourceFailed(error));
                }

                @Override
                public void onNotice(String text) {
                    events.add(new TailEvent.Notice(text));
                }
            });
            keyReader = startKeyReader();
            loop();
        } finally {
            quit = true;
            actions.shutdownNow();
            mode.close();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) anyway; restoring twice is harmless
            }
            if (prevWinch != null) {
                terminal.handle(Terminal.Signal.WINCH, prevWinch);
            }
            if (prevInt != null) {
                terminal.handle(Terminal.Signal.INT, prevInt);
            }
            if (prevTstp != null) {
                terminal.handle(Terminal.Signal.TSTP, prevTstp);
            }
            if (prevCont != null) {
                terminal.handle(Terminal.Signal.CONT, prevCont);
            }
            if (keyReader != null) {
                try {
                    keyReader.join(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        return interrupted;
    }

    private Thread startKeyReader() {
        Thread t = new Thread(() -> {
            try {
                while (!quit) {
                    int c = bindingReader.peekCharacter(100);
                    if (c == NonBlockingReader.READ_EXPIRED) {
                        continue;
                    }
                    if (c < 0) {
                        events.add(new TailEvent.InputClosed());
                        return;
                    }
                    Op op = bindingReader.readBinding(keys, null, false);
                    if (op != null) {
                        events.add(new TailEvent.Key(op, bindingReader.getLastBinding()));
                    }
                }
            } catch (IOError | RuntimeException e) {
                events.add(new TailEvent.InputClosed());
            }
        }, "tail-keys");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void loop() throws IOException {
        redraw();
        long tickNanos = TimeUnit.SECONDS.toNanos(1);
        long nextTick = System.nanoTime() + tickNanos;
        while (!quit) {
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
            TailEvent event;
            try {
                event = events.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean changed = false;
            while (event != null && !quit) {
                handle(event);
                changed = true;
                event = events.poll();
            }
            if (System.nanoTime() - nextTick >= 0) {
                view.tick();
                nextTick = System.nanoTime() + tickNanos;
                changed = true;
            }
            if (view.takeNewArrivals() > 0 && settings.bell()) {
                mode.draw(() -> terminal.puts(Capability.bell));
            }
            if (changed && !quit) {
                redraw();
            }
        }
    }

    private void handle(TailEvent event) {
        if (event instanceof TailEvent.Key k) {
            onKey(k.op(), k.text());
        } else if (event instanceof TailEvent.SnapshotArrived s) {
            view.applySnapshot(s.snapshot());
        } else if (event instanceof TailEvent.ChangeArrived c) {
            view.applyChange(c.entry(), c.seq());
        } else if (event instanceof TailEvent.StateChanged s) {
            view.setConnection(s.state());
        } else if (event instanceof TailEvent.SourceFailed f) {
            fatal = f.error();
            quit = true;
        } else if (event instanceof TailEvent.Resized) {
            resize();
        } else if (event instanceof TailEvent.Suspend) {
            if (!mode.suspend(stopper)) {
                view.setMessage("Ctrl-Z: the process could not be stopped (no kill command?); q quits", true);
            }
            repaintAll();
        } else if (event instanceof TailEvent.Continued) {
            mode.enter();
            repaintAll();
        } else if (event instanceof TailEvent.Interrupted) {
            interrupt();
        } else if (event instanceof TailEvent.InputClosed) {
            quit = true;
        } else if (event instanceof TailEvent.Notice n) {
            view.setMessage(n.text(), true);
        } else if (event instanceof TailEvent.ActionDone d) {
            view.actionSucceeded(d.request(), d.result());
        } else if (event instanceof TailEvent.ActionFailed f) {
            view.actionFailed(f.request(), f.error());
        }
    }

    private void interrupt() {
        interrupted = true;
        quit = true;
    }

    private void onKey(Op op, String text) {
        if (op == Op.INTERRUPT) {
            interrupt();
            return;
        }
        if (view.helpOpen()) {
            // a help taller than the screen scrolls with the movement keys; any other key closes it
            int[] scroll = screen.helpScroll(size.getRows(), size.getColumns());
            int by = scroll[0] > 0 ? TailKeys.moveFor(op, scroll[1]) : 0;
            if (by != 0) {
                view.scrollHelp(by, scroll[0]);
            } else {
                view.toggleHelp();
            }
            return;
        }
        if (view.editingFilter()) {
            onFilterKey(op, text);
            return;
        }
        view.setMessage(null, false);
        switch (op) {
            case UP -> view.moveBy(-1);
            case DOWN -> view.moveBy(1);
            case PAGE_UP -> view.moveBy(-pageRows());
            case PAGE_DOWN -> view.moveBy(pageRows());
            case FIRST -> view.moveToFirst();
            case LAST -> view.moveToLast();
            case FILTER -> view.startFilter();
            case SORT -> view.cycleSort();
            case DETAIL -> view.toggleDetail();
            case DETAIL_DOWN, DETAIL_UP -> {
                int[] scroll = screen.detailScroll(view, size.getRows(), size.getColumns());
                view.scrollDetail(op == Op.DETAIL_DOWN ? scroll[1] : -scroll[1], scroll[0]);
            }
            case CLAIM -> submit(OperatorAction.CLAIM);
            case RELEASE -> submit(OperatorAction.RELEASE);
            case RESOLVE -> submit(OperatorAction.RESOLVE);
            case WHATSAPP -> opener.openSelected(view, settings.maskDigits());
            case PAUSE -> view.togglePause();
            case HELP -> view.toggleHelp();
            case QUIT -> quit = true;
            case ESCAPE -> {
                if (view.detailOpen()) {
                    view.toggleDetail();
                } else {
                    view.clearFilter();
                }
            }
            case REDRAW -> display.clear();
            default -> {
                // unbound key: nothing to do
            }
        }
    }

    private void onFilterKey(Op op, String text) {
        // "j" and "k" move the cursor in the table; while typing a filter they are letters (arrows still move)
        if (TailKeys.printable(text) && (op == Op.UP || op == Op.DOWN)) {
            view.typeFilter(text);
            return;
        }
        switch (op) {
            case DETAIL -> view.commitFilter();
            case ESCAPE -> view.cancelFilter();
            case BACKSPACE -> view.backspaceFilter();
            case UP -> view.moveBy(-1);
            case DOWN -> view.moveBy(1);
            default -> {
                if (TailKeys.printable(text)) {
                    view.typeFilter(text);
                }
            }
        }
    }

    /** Everything drawn again, at the terminal's size now: after a stop the screen holds the shell's output. */
    private void repaintAll() {
        copySize();
        display.clear();
    }

    private int pageRows() {
        return Math.max(1, size.getRows() - 4);
    }

    private void submit(OperatorAction action) {
        view.request(action, settings.operator()).ifPresent(request -> actions.execute(() -> {
            try {
                QueueEntry result = source.act(request.action(), request.id(), request.receivedAt(), settings.operator());
                events.add(new TailEvent.ActionDone(request, result));
            } catch (HandoffException e) {
                events.add(new TailEvent.ActionFailed(request, e));
            } catch (RuntimeException e) {
                events.add(new TailEvent.ActionFailed(request, HandoffException.remote(SourceHttp.describe(e), null, e)));
            }
        }));
    }

    private void copySize() {
        Size s = terminal.getSize();
        if (s == null || s.getRows() <= 0 || s.getColumns() <= 0) {
            size.setRows(24);
            size.setColumns(80);
        } else {
            size.copy(s);
        }
    }

    /**
     * A new size repaints the whole screen. Display.resize re-wraps the lines it remembers into the
     * new width, which no longer matches what the terminal shows (least of all after the terminal
     * itself reflowed or grew), so a diff against them would leave old lines behind (the status
     * line and the detail pane of the smaller screen, until Ctrl-L).
     */
    private void resize() {
        int previousRows = size.getRows();
        int previousColumns = size.getColumns();
        copySize();
        if (size.getRows() != previousRows || size.getColumns() != previousColumns) {
            display.clear();
        }
    }

    private void redraw() {
        display.resize(size.getRows(), size.getColumns());
        List<AttributedString> lines = screen.render(view, size.getRows(), size.getColumns());
        mode.draw(() -> {
            display.update(lines, 0);
            terminal.flush();
        });
    }
}
