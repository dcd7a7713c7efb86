/**
 * Jackson behind the JSON codec: private to this bundle (no {@code @Export}), so that the
 * exported {@code org.jxapi.xenapi.wire} package carries no Jackson type in its signatures.
 */
package org.jxapi.xenapi.wire.json;
