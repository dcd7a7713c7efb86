package org.jxapi.sample.hello;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi sample: hello extension", description = "What the hello extension answers")
@interface HelloConfig {
    @AttributeDefinition(description = "The word the extension greets callers with")
    String greeting() default "Hello";
}
