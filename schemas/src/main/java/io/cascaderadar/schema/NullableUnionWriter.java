package io.cascaderadar.schema;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's writer of specific records, which picks the branch of a nullable field (a union of null and one type) by
 * whether the value is null. Avro's own writer looks the value's type name up in the union for every such field of
 * every record: that was a tenth of a replay's input preparation, whose events have a dozen nullable fields. Any
 * other union is resolved as Avro does; the bytes are the same.
 */
public class NullableUnionWriter<T> extends SpecificDatumWriter<T> {

    public NullableUnionWriter(Class<T> type) {
        super(type);
    }

    public NullableUnionWriter(Schema schema) {
        super(schema);
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            boolean nullFirst = branches.get(0).getType() == Schema.Type.NULL;
            if (nullFirst || branches.get(1).getType() == Schema.Type.NULL) {
                return (datum == null) == nullFirst ? 0 : 1;
            }
        }
        return super.resolveUnion(union, datum);
    }
}
