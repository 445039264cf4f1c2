package dev.handoff.tui;

import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/** The keys of the queue screen: what each sequence means, with the terminal's own arrow and page keys. */
final class TailKeys {

    private TailKeys() {
    }

    /** What a key asks for. */
    enum Op { UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST, FILTER, SORT, DETAIL, DETAIL_DOWN, DETAIL_UP, CLAIM, RELEASE, RESOLVE, WHATSAPP,
        PAUSE, HELP, QUIT, INTERRUPT, ESCAPE, BACKSPACE, REDRAW, OTHER }

    static KeyMap<Op> bind(Terminal terminal) {
        KeyMap<Op> map = new KeyMap<>();
        map.bind(Op.UP, KeyMap.key(terminal, Capability.key_up), "k", KeyMap.ctrl('P'), "\033[A", "\033OA");
        map.bind(Op.DOWN, KeyMap.key(terminal, Capability.key_down), "j", KeyMap.ctrl('N'), "\033[B", "\033OB");
        map.bind(Op.PAGE_UP, KeyMap.key(terminal, Capability.key_ppage), "\033[5~");
        map.bind(Op.PAGE_DOWN, KeyMap.key(terminal, Capability.key_npage), "\033[6~", " ");
        map.bind(Op.FIRST, KeyMap.key(terminal, Capability.key_home), "g", "\033[H", "\033OH");
        map.bind(Op.LAST, KeyMap.key(terminal, Capability.key_end), "G", "\033[F", "\033OF");
        map.bind(Op.FILTER, "/");
        map.bind(Op.SORT, "s");
        map.bind(Op.DETAIL, "\r", "\n");
        map.bind(Op.DETAIL_DOWN, "J");
        map.bind(Op.DETAIL_UP, "K");
        map.bind(Op.CLAIM, "c");
        map.bind(Op.RELEASE, "u");
        map.bind(Op.RESOLVE, "r");
        map.bind(Op.WHATSAPP, "w");
        map.bind(Op.PAUSE, "p");
        map.bind(Op.HELP, "?", "h");
        map.bind(Op.QUIT, "q");
        // Ctrl-C ends the view as SIGINT would (exit 130, so a script can tell it from q); Ctrl-D,
        // the "end of input" reflex, is no key here: it ended the view by accident
        map.bind(Op.INTERRUPT, KeyMap.ctrl('C'));
        map.bind(Op.ESCAPE, KeyMap.esc());
        map.bind(Op.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        map.bind(Op.REDRAW, KeyMap.ctrl('L'));
        map.setUnicode(Op.OTHER);
        map.setNomatch(Op.OTHER);
        // a lone Esc must not wait a whole second for the rest of an arrow key
        map.setAmbiguousTimeout(150);
        return map;
    }

    /** True for text a filter can take: no control characters (a pasted escape sequence is not a filter). */
    static boolean printable(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return text.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp));
    }

    /** Lines a movement key moves by in a scrolling text (0: not a movement key). */
    static int moveFor(Op op, int page) {
        return switch (op) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -page;
            case PAGE_DOWN -> page;
            case FIRST -> -Integer.MAX_VALUE / 2;
            case LAST -> Integer.MAX_VALUE / 2;
            default -> 0;
        };
    }
}
