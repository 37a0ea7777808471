package io.cascaderadar.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void framesAndReadsBackTheSchemaIdBigEndianAfterMagicZero() throws Exception {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});
        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42, 43);
        assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(0x01020304);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(framed));
        assertThat(ConfluentWireFormat.readHeader(in)).isEqualTo(0x01020304);
        assertThat(in.readByte()).isEqualTo((byte) 42);
    }

    @Test
    void refusesWhatIsNotTheWireFormat() {
        byte[] framed = ConfluentWireFormat.frame(7, new byte[] {1});
        byte[] badMagic = framed.clone();
        badMagic[0] = 1;
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(badMagic))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("magic byte 1");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(Arrays.copyOf(framed, 3)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> ConfluentWireFormat.readHeader(new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0}))))
                .isInstanceOf(MalformedRecordException.class);
    }
}
