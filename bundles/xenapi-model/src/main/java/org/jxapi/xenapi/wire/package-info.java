/** The XenAPI wire codecs (XML-RPC, JSON-RPC, legacy JSON) over plain Java values; 2.0.0 dropped the Jackson types JsonWire used to expose. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.jxapi.xenapi.wire;
