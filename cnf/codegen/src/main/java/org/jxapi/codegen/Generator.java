package org.jxapi.codegen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.codegen.ModelSpec.*;

/**
 * Entry point: {@code Generator <model dir> <output dir>}. Reads the model facts and writes the
 * records, enums, API interfaces, metadata and tables of {@code org.jxapi.xenapi.model}.
 */
public final class Generator {
    private Generator() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Generator <model dir> <output dir>");
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    public static int generate(Path modelDir, Path out) throws Exception {
        All all = new ModelReader().read(modelDir);
        Map<String, String> classNames = new LinkedHashMap<>();
        Map<String, String> usedJava = new HashMap<>();
        for (ClassSpec c : all.classes()) {
            String j = Names.type(c.name());
            claim(usedJava, j, "class " + c.name());
            classNames.put(c.name(), j);
        }
        Map<String, List<String>> enumValues = new LinkedHashMap<>();
        Map<String, String> enumNames = new LinkedHashMap<>();
        for (ClassSpec c : all.classes()) {
            for (EnumSpec e : c.enums()) {
                List<String> prev = enumValues.putIfAbsent(e.name(), e.values());
                if (prev != null && !prev.equals(e.values())) {
                    throw new IllegalStateException("enum " + e.name() + " is defined twice, differently");
                }
                if (prev == null) {
                    String j = Names.type(e.name());
                    if (usedJava.containsKey(j)) {
                        j = j + "Enum";
                    }
                    claim(usedJava, j, "enum " + e.name());
                    enumNames.put(e.name(), j);
                }
            }
        }
        JavaTypes types = new JavaTypes(classNames, enumNames, enumValues);
        List<String> roles = orderedRoles(all.classes());
        List<SourceFile> files = new ArrayList<>();
        RecordEmitter records = new RecordEmitter(types);
        ApiEmitter apis = new ApiEmitter(types);
        MetaEmitter metas = new MetaEmitter(types, roles);
        EnumEmitter enums = new EnumEmitter(types);
        for (ClassSpec c : all.classes()) {
            files.add(records.emit(c));
            files.add(metas.emit(c));
            SourceFile api = apis.emit(c);
            if (api != null) {
                files.add(api);
            }
        }
        for (Map.Entry<String, List<String>> e : enumValues.entrySet()) {
            files.add(enums.emit(e.getKey(), e.getValue()));
        }
        IndexEmitter index = new IndexEmitter(types);
        files.add(index.model(all.classes()));
        files.add(index.errors(all.errors()));
        files.add(index.roles(roles));
        files.add(index.releases(all.releases()));
        for (SourceFile f : files) {
            f.write(out);
        }
        return files.size();
    }

    private static void claim(Map<String, String> used, String javaName, String owner) {
        String prev = used.putIfAbsent(javaName, owner);
        if (prev != null) {
            throw new IllegalStateException(owner + " and " + prev + " both map to Java name " + javaName);
        }
    }

    /**
     * Roles ordered from most to least powerful. A more powerful role may call everything a
     * weaker one may, so the number of messages a role may call orders them.
     */
    static List<String> orderedRoles(List<ClassSpec> classes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ClassSpec c : classes) {
            for (MessageSpec m : c.messages()) {
                for (String r : m.roles()) {
                    counts.merge(r, 1, Integer::sum);
                }
            }
        }
        List<String> roles = new ArrayList<>(counts.keySet());
        roles.sort(Comparator.comparing((String r) -> -counts.get(r)).thenComparing(r -> r));
        return roles;
    }
}
