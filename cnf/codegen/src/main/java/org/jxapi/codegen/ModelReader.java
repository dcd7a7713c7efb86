package org.jxapi.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.codegen.ModelSpec.*;

/** Reads xenapi-model.json, xenapi-errors.json and xenapi-releases.json. */
final class ModelReader {
    private final ObjectMapper mapper = new ObjectMapper();

    All read(Path dir) throws IOException {
        JsonNode model = mapper.readTree(dir.resolve("xenapi-model.json").toFile());
        JsonNode errors = mapper.readTree(dir.resolve("xenapi-errors.json").toFile());
        JsonNode releases = mapper.readTree(dir.resolve("xenapi-releases.json").toFile());
        List<ClassSpec> classes = new ArrayList<>();
        for (JsonNode c : model) {
            classes.add(readClass(c));
        }
        List<ErrorSpec> errs = new ArrayList<>();
        for (JsonNode e : errors) {
            JsonNode p = e.get("params");
            errs.add(new ErrorSpec(e.get("name").asText(), p == null || p.isNull() ? null : strings(p)));
        }
        List<ReleaseSpec> rels = new ArrayList<>();
        for (JsonNode r : releases) {
            JsonNode cn = r.get("code_name");
            rels.add(new ReleaseSpec(cn == null || cn.isNull() ? null : cn.asText(), r.get("api_major").asLong(),
                    r.get("api_minor").asLong(), r.path("branding").asText("")));
        }
        return new All(classes, errs, rels);
    }

    private ClassSpec readClass(JsonNode c) {
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode f : c.get("fields")) {
            JsonNode d = f.get("default");
            fields.add(new FieldSpec(f.get("name").asText(), f.get("type").asText(), f.get("qualifier").asText(),
                    d == null || d.isNull() ? null : d.asText(), lifecycle(f.get("lifecycle"))));
        }
        List<MessageSpec> messages = new ArrayList<>();
        for (JsonNode m : c.get("messages")) {
            List<ParamSpec> params = new ArrayList<>();
            for (JsonNode p : m.get("params")) {
                params.add(new ParamSpec(p.get("name").asText(), p.get("type").asText()));
            }
            messages.add(new MessageSpec(m.get("name").asText(), params, m.get("result").asText(),
                    strings(m.get("errors")), strings(m.get("roles")), m.get("implicit").asBoolean(),
                    lifecycle(m.get("lifecycle"))));
        }
        List<EnumSpec> enums = new ArrayList<>();
        for (JsonNode e : c.path("enums")) {
            enums.add(new EnumSpec(e.get("name").asText(), strings(e.get("values"))));
        }
        return new ClassSpec(c.get("name").asText(), lifecycle(c.get("lifecycle")), fields, messages, enums);
    }

    private static LifecycleSpec lifecycle(JsonNode l) {
        List<Transition> ts = new ArrayList<>();
        for (JsonNode t : l.path("transitions")) {
            ts.add(new Transition(t.get("transition").asText(), t.get("release").asText()));
        }
        return new LifecycleSpec(l.get("state").asText(), ts);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (JsonNode s : n) {
                out.add(s.asText());
            }
        }
        return out;
    }
}
