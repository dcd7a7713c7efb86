package org.jxapi.db.impl;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * An immutable hash map from strings (a compressed hash-array mapped trie). Updates copy only
 * the path to the changed entry, so every database state can share almost all of its structure
 * with the one before; old states stay valid for whoever still reads them.
 */
final class PMap<V> implements Iterable<V> {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final PMap EMPTY = new PMap(BitmapNode.EMPTY, 0);

    private final Node root;
    private final int size;

    private PMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> PMap<V> empty() {
        return (PMap<V>) EMPTY;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        return (V) root.get(key, hash(key), 0);
    }

    PMap<V> put(String key, V value) {
        Delta d = new Delta();
        Node n = root.put(key, hash(key), 0, value, d);
        return n == root ? this : new PMap<>(n, size + d.sizeChange);
    }

    PMap<V> remove(String key) {
        Delta d = new Delta();
        Node n = root.remove(key, hash(key), 0, d);
        return n == root ? this : new PMap<>(n, size + d.sizeChange);
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        root.forEach((BiConsumer<String, Object>) action);
    }

    /** Iterates the values. */
    @Override
    public Iterator<V> iterator() {
        return new ValueIterator<>(root);
    }

    private static int hash(String key) {
        int h = key.hashCode();
        return h ^ (h >>> 16) ^ (h << 11);
    }

    private static final class Delta {
        int sizeChange;
    }

    private abstract static class Node {
        abstract Object get(String key, int hash, int shift);

        abstract Node put(String key, int hash, int shift, Object value, Delta d);

        abstract Node remove(String key, int hash, int shift, Delta d);

        abstract void forEach(BiConsumer<String, Object> action);

        abstract int dataCount();

        abstract int nodeCount();

        abstract Object keyAt(int i);

        abstract Object valueAt(int i);

        abstract Node nodeAt(int i);
    }

    /** Entries inline as key, value pairs from the front; sub-nodes from the back. */
    private static final class BitmapNode extends Node {
        static final BitmapNode EMPTY = new BitmapNode(0, 0, new Object[0]);
        final int dataMap;
        final int nodeMap;
        final Object[] content;

        BitmapNode(int dataMap, int nodeMap, Object[] content) {
            this.dataMap = dataMap;
            this.nodeMap = nodeMap;
            this.content = content;
        }

        private static int index(int map, int bit) {
            return Integer.bitCount(map & (bit - 1));
        }

        @Override
        Object get(String key, int hash, int shift) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((dataMap & bit) != 0) {
                int i = index(dataMap, bit);
                return key.equals(content[2 * i]) ? content[2 * i + 1] : null;
            }
            if ((nodeMap & bit) != 0) {
                return subNode(bit).get(key, hash, shift + 5);
            }
            return null;
        }

        private Node subNode(int bit) {
            return (Node) content[content.length - 1 - index(nodeMap, bit)];
        }

        @Override
        Node put(String key, int hash, int shift, Object value, Delta d) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((dataMap & bit) != 0) {
                int i = index(dataMap, bit);
                String k = (String) content[2 * i];
                if (k.equals(key)) {
                    if (content[2 * i + 1] == value) {
                        return this;
                    }
                    Object[] c = content.clone();
                    c[2 * i + 1] = value;
                    return new BitmapNode(dataMap, nodeMap, c);
                }
                Node sub = merge(k, hash(k), content[2 * i + 1], key, hash, value, shift + 5);
                d.sizeChange = 1;
                return inlineToNode(bit, i, sub);
            }
            if ((nodeMap & bit) != 0) {
                Node sub = subNode(bit);
                Node changed = sub.put(key, hash, shift + 5, value, d);
                if (changed == sub) {
                    return this;
                }
                Object[] c = content.clone();
                c[content.length - 1 - index(nodeMap, bit)] = changed;
                return new BitmapNode(dataMap, nodeMap, c);
            }
            d.sizeChange = 1;
            int i = index(dataMap, bit);
            Object[] c = new Object[content.length + 2];
            System.arraycopy(content, 0, c, 0, 2 * i);
            c[2 * i] = key;
            c[2 * i + 1] = value;
            System.arraycopy(content, 2 * i, c, 2 * i + 2, content.length - 2 * i);
            return new BitmapNode(dataMap | bit, nodeMap, c);
        }

        private Node inlineToNode(int bit, int dataIndex, Node sub) {
            int oldDataLen = 2 * Integer.bitCount(dataMap);
            int oldNodes = content.length - oldDataLen;
            int newNodeMap = nodeMap | bit;
            int newNodeIdx = index(newNodeMap, bit);
            Object[] c = new Object[content.length - 1];
            System.arraycopy(content, 0, c, 0, 2 * dataIndex);
            System.arraycopy(content, 2 * dataIndex + 2, c, 2 * dataIndex, oldDataLen - 2 * dataIndex - 2);
            // Node j (in bit order) lives at content[length - 1 - j].
            for (int j = 0; j <= oldNodes; j++) {
                Object n;
                if (j < newNodeIdx) {
                    n = content[content.length - 1 - j];
                } else if (j == newNodeIdx) {
                    n = sub;
                } else {
                    n = content[content.length - j];
                }
                c[c.length - 1 - j] = n;
            }
            return new BitmapNode(dataMap ^ bit, newNodeMap, c);
        }

        private static Node merge(String k1, int h1, Object v1, String k2, int h2, Object v2, int shift) {
            if (shift >= 32) {
                return new CollisionNode(h1, new Object[] {k1, v1, k2, v2});
            }
            int f1 = (h1 >>> shift) & 31;
            int f2 = (h2 >>> shift) & 31;
            if (f1 != f2) {
                int dm = (1 << f1) | (1 << f2);
                return f1 < f2 ? new BitmapNode(dm, 0, new Object[] {k1, v1, k2, v2})
                        : new BitmapNode(dm, 0, new Object[] {k2, v2, k1, v1});
            }
            return new BitmapNode(0, 1 << f1, new Object[] {merge(k1, h1, v1, k2, h2, v2, shift + 5)});
        }

        @Override
        Node remove(String key, int hash, int shift, Delta d) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((dataMap & bit) != 0) {
                int i = index(dataMap, bit);
                if (!key.equals(content[2 * i])) {
                    return this;
                }
                d.sizeChange = -1;
                Object[] c = new Object[content.length - 2];
                System.arraycopy(content, 0, c, 0, 2 * i);
                System.arraycopy(content, 2 * i + 2, c, 2 * i, content.length - 2 * i - 2);
                return new BitmapNode(dataMap ^ bit, nodeMap, c);
            }
            if ((nodeMap & bit) != 0) {
                Node sub = subNode(bit);
                Node changed = sub.remove(key, hash, shift + 5, d);
                if (changed == sub) {
                    return this;
                }
                if (changed.nodeCount() == 0 && changed.dataCount() == 1) {
                    // A sub-node with one entry left folds back into this node.
                    return nodeToInline(bit, (String) changed.keyAt(0), changed.valueAt(0));
                }
                Object[] c = content.clone();
                c[content.length - 1 - index(nodeMap, bit)] = changed;
                return new BitmapNode(dataMap, nodeMap, c);
            }
            return this;
        }

        private Node nodeToInline(int bit, String key, Object value) {
            int oldDataLen = 2 * Integer.bitCount(dataMap);
            int oldNodes = content.length - oldDataLen;
            int newDataMap = dataMap | bit;
            int di = index(newDataMap, bit);
            Object[] c = new Object[content.length + 1];
            System.arraycopy(content, 0, c, 0, 2 * di);
            c[2 * di] = key;
            c[2 * di + 1] = value;
            System.arraycopy(content, 2 * di, c, 2 * di + 2, oldDataLen - 2 * di);
            int removeIdx = index(nodeMap, bit);
            int w = 0;
            for (int j = 0; j < oldNodes; j++) {
                if (j != removeIdx) {
                    c[c.length - 1 - w] = content[content.length - 1 - j];
                    w++;
                }
            }
            return new BitmapNode(newDataMap, nodeMap ^ bit, c);
        }

        @Override
        void forEach(BiConsumer<String, Object> action) {
            int data = Integer.bitCount(dataMap);
            for (int i = 0; i < data; i++) {
                action.accept((String) content[2 * i], content[2 * i + 1]);
            }
            for (int i = 2 * data; i < content.length; i++) {
                ((Node) content[i]).forEach(action);
            }
        }

        @Override
        int dataCount() {
            return Integer.bitCount(dataMap);
        }

        @Override
        int nodeCount() {
            return Integer.bitCount(nodeMap);
        }

        @Override
        Object keyAt(int i) {
            return content[2 * i];
        }

        @Override
        Object valueAt(int i) {
            return content[2 * i + 1];
        }

        @Override
        Node nodeAt(int i) {
            return (Node) content[2 * dataCount() + i];
        }
    }

    /** Keys whose 32-bit hashes are equal. */
    private static final class CollisionNode extends Node {
        final int hash;
        final Object[] kvs;

        CollisionNode(int hash, Object[] kvs) {
            this.hash = hash;
            this.kvs = kvs;
        }

        private int find(String key) {
            for (int i = 0; i < kvs.length; i += 2) {
                if (key.equals(kvs[i])) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        Object get(String key, int h, int shift) {
            int i = find(key);
            return i < 0 ? null : kvs[i + 1];
        }

        @Override
        Node put(String key, int h, int shift, Object value, Delta d) {
            int i = find(key);
            if (i >= 0) {
                if (kvs[i + 1] == value) {
                    return this;
                }
                Object[] c = kvs.clone();
                c[i + 1] = value;
                return new CollisionNode(hash, c);
            }
            d.sizeChange = 1;
            Object[] c = Arrays.copyOf(kvs, kvs.length + 2);
            c[kvs.length] = key;
            c[kvs.length + 1] = value;
            return new CollisionNode(hash, c);
        }

        @Override
        Node remove(String key, int h, int shift, Delta d) {
            int i = find(key);
            if (i < 0) {
                return this;
            }
            d.sizeChange = -1;
            Object[] c = new Object[kvs.length - 2];
            System.arraycopy(kvs, 0, c, 0, i);
            System.arraycopy(kvs, i + 2, c, i, kvs.length - i - 2);
            return new CollisionNode(hash, c);
        }

        @Override
        void forEach(BiConsumer<String, Object> action) {
            for (int i = 0; i < kvs.length; i += 2) {
                action.accept((String) kvs[i], kvs[i + 1]);
            }
        }

        @Override
        int dataCount() {
            return kvs.length / 2;
        }

        @Override
        int nodeCount() {
            return 0;
        }

        @Override
        Object keyAt(int i) {
            return kvs[2 * i];
        }

        @Override
        Object valueAt(int i) {
            return kvs[2 * i + 1];
        }

        @Override
        Node nodeAt(int i) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    private static final class ValueIterator<V> implements Iterator<V> {
        private final ArrayDeque<Node> stack = new ArrayDeque<>();
        private Node current;
        private int index;

        ValueIterator(Node root) {
            stack.push(root);
            advance();
        }

        private void advance() {
            while (current == null || index >= current.dataCount()) {
                if (stack.isEmpty()) {
                    current = null;
                    return;
                }
                Node n = stack.pop();
                for (int i = n.nodeCount() - 1; i >= 0; i--) {
                    stack.push(n.nodeAt(i));
                }
                current = n;
                index = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return current != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V next() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            V v = (V) current.valueAt(index++);
            advance();
            return v;
        }
    }
}
