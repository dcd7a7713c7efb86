package org.jxapi.codegen;

import java.util.List;

/** The model files as the generator sees them: plain data read from the JSON facts. */
final class ModelSpec {
    private ModelSpec() { }

    record Transition(String kind, String release) { }

    record LifecycleSpec(String state, List<Transition> transitions) { }

    record FieldSpec(String name, String type, String qualifier, String defaultLiteral, LifecycleSpec lifecycle) { }

    record ParamSpec(String name, String type) { }

    record MessageSpec(String name, List<ParamSpec> params, String result, List<String> errors, List<String> roles,
                       boolean implicit, LifecycleSpec lifecycle) { }

    record EnumSpec(String name, List<String> values) { }

    record ClassSpec(String name, LifecycleSpec lifecycle, List<FieldSpec> fields, List<MessageSpec> messages,
                     List<EnumSpec> enums) { }

    record ErrorSpec(String name, List<String> params) { }

    record ReleaseSpec(String codeName, long major, long minor, String branding) { }

    record All(List<ClassSpec> classes, List<ErrorSpec> errors, List<ReleaseSpec> releases) { }
}
