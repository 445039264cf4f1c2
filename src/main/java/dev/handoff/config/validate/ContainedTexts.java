package dev.handoff.config.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which texts of a list occur inside which others ("agent" inside "live agent"), found in one pass
 * over all of them (Aho-Corasick): the time grows with their total length and the number of
 * containments found, not with the square of their count. Comparing every keyword with every other
 * took minutes for 60,000 keywords.
 */
final class ContainedTexts {

    private static final int NONE = -1;

    /** The trie: one node per distinct prefix, children as a linked list of siblings. */
    private int[] firstChild;
    private int[] nextSibling;
    private char[] letter;
    /** The text that ends at a node, or NONE. */
    private int[] ends;
    /** The longest proper suffix of the node's prefix that is also a prefix (the failure link). */
    private int[] fail;
    /** The nearest node along the failure links at which a text ends, or NONE. */
    private int[] nextEnd;
    private int nodes = 1;

    private ContainedTexts(int capacity) {
        firstChild = filled(capacity);
        nextSibling = filled(capacity);
        letter = new char[capacity];
        ends = filled(capacity);
    }

    /**
     * For each text, the indices (ascending) of the other texts it occurs in.
     *
     * @param texts distinct texts
     */
    static List<List<Integer>> containers(List<String> texts) {
        int capacity = 1;
        for (String t : texts) {
            capacity += t.length();
        }
        ContainedTexts index = new ContainedTexts(capacity);
        for (int i = 0; i < texts.size(); i++) {
            index.add(texts.get(i), i);
        }
        index.link();
        List<List<Integer>> containers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            containers.add(new ArrayList<>(0));
        }
        int[] lastSeenIn = filled(texts.size());
        for (int j = 0; j < texts.size(); j++) {
            String text = texts.get(j);
            int node = 0;
            for (int k = 0; k < text.length(); k++) {
                node = index.step(node, text.charAt(k));
                for (int at = index.ends[node] != NONE ? node : index.nextEnd[node]; at != NONE; at = index.nextEnd[at]) {
                    int found = index.ends[at];
                    if (found != j && lastSeenIn[found] != j) {
                        lastSeenIn[found] = j; // a text found twice in another is listed once
                        containers.get(found).add(j);
                    }
                }
            }
        }
        return containers;
    }

    private void add(String text, int id) {
        int node = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            int child = child(node, c);
            if (child == NONE) {
                child = nodes++;
                letter[child] = c;
                nextSibling[child] = firstChild[node];
                firstChild[node] = child;
            }
            node = child;
        }
        ends[node] = id;
    }

    /** Failure and end links, breadth first: a node's links depend on those of shorter prefixes. */
    private void link() {
        fail = new int[nodes];
        nextEnd = filled(nodes);
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int child = firstChild[0]; child != NONE; child = nextSibling[child]) {
            fail[child] = 0;
            queue[tail++] = child;
        }
        while (head < tail) {
            int node = queue[head++];
            for (int child = firstChild[node]; child != NONE; child = nextSibling[child]) {
                int f = step(fail[node], letter[child]);
                fail[child] = f;
                nextEnd[child] = ends[f] != NONE ? f : nextEnd[f];
                queue[tail++] = child;
            }
        }
    }

    /** The node reached from {@code node} by one more character, following failure links. */
    private int step(int node, char c) {
        for (int n = node; ; n = fail[n]) {
            int child = child(n, c);
            if (child != NONE) {
                return child;
            }
            if (n == 0) {
                return 0;
            }
        }
    }

    private int child(int node, char c) {
        for (int child = firstChild[node]; child != NONE; child = nextSibling[child]) {
            if (letter[child] == c) {
                return child;
            }
        }
        return NONE;
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, NONE);
        return a;
    }
}
