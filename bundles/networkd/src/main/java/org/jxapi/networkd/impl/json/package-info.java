/** The original's JSON shapes for networkd's records (private: Jackson never leaves this package's users). */
package org.jxapi.networkd.impl.json;
