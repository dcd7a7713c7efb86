package org.jxapi.shell.support;

import java.util.Map;

import org.apache.karaf.shell.support.table.ShellTable;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/** {@code <class>-param-list uuid=...}: every field of one object, with whether it can be written (RO, RW, MRW, SRW). */
public abstract class ParamListCommandSupport extends ParamCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Map.Entry<Ref<?>, XenApiRecord> t = target(xe, args);
        args.requireEmpty();
        ShellTable table = new ShellTable();
        table.column("Parameter");
        table.column("Access");
        table.column("Value").maxSize(100).wrap();
        for (FieldMeta f : meta().fields()) {
            table.addRow().addContent(XeNames.field(f), access(f), FieldText.format(t.getValue().get(f.index()), f.type(), xe));
        }
        table.print(System.out);
    }
}
