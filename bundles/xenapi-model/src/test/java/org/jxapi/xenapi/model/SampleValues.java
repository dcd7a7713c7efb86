package org.jxapi.xenapi.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.jxapi.xenapi.model.types.Vm;

/** Random values of any model type, different from the field defaults where that is possible. */
public final class SampleValues {
    private static final String ALPHABET = "abcXYZ019 _-.:/<>&\"'\t\néßλ漢字\uD83D\uDE00\r";
    private final Random random;

    public SampleValues(long seed) {
        random = new Random(seed);
    }

    public String string() {
        int n = 1 + random.nextInt(12);
        StringBuilder sb = new StringBuilder("s");
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(k);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(k + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public Object value(XenApiType t, Object avoid) {
        if (t instanceof XenApiType.Primitive p) {
            return switch (p) {
                case STRING -> string();
                case INT -> random.nextLong();
                case FLOAT -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 5);
                case BOOL -> avoid instanceof Boolean b ? !b : random.nextBoolean();
                case DATETIME -> Instant.ofEpochSecond(1 + (long) (random.nextDouble() * 4_000_000_000L));
                case VOID -> null;
            };
        }
        if (t instanceof XenApiType.RefOf) {
            return Ref.fresh();
        }
        if (t instanceof XenApiType.EnumOf e) {
            List<Enum<?>> vs = e.values();
            Enum<?> v = vs.get(random.nextInt(vs.size()));
            if (v.equals(avoid) && vs.size() > 1) {
                v = vs.get((vs.indexOf(v) + 1) % vs.size());
            }
            return v;
        }
        if (t instanceof XenApiType.SetOf s) {
            LinkedHashSet<Object> set = new LinkedHashSet<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                set.add(value(s.element(), null));
            }
            return Values.adoptSet(set);
        }
        if (t instanceof XenApiType.MapOf m) {
            LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                map.put(value(m.key(), null), value(m.value(), null));
            }
            return Values.adoptMap(map);
        }
        if (t instanceof XenApiType.OptionOf o) {
            return Optional.of(value(o.element(), null));
        }
        if (t instanceof XenApiType.RecordOf r) {
            return record(Model.clazz(r.className()));
        }
        if (t == XenApiType.Special.ANY_RECORD) {
            return record(Vm.META);
        }
        throw new IllegalArgumentException("no sample for " + t);
    }

    /** A record of {@code meta} with every field set to a random value. */
    public XenApiRecord record(ClassMeta meta) {
        Object[] v = new Object[meta.fields().size()];
        for (FieldMeta f : meta.fields()) {
            v[f.index()] = value(f.type(), f.defaultValue());
        }
        if (meta.name().equals("event")) {
            // The snapshot is a VM record, so the event's class must say so.
            v[meta.field("class").index()] = "vm";
        }
        return meta.newRecord(v);
    }
}
