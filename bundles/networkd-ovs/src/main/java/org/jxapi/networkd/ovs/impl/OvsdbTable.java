package org.jxapi.networkd.ovs.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * One table printed by {@code ovs-vsctl --format=json list <Table>}: {@code headings} name the columns
 * of every row in {@code data}. Several {@code list} commands in one ovs-vsctl run print one such
 * document per line, read with {@link #readAll}.
 */
record OvsdbTable(List<String> headings, List<List<OvsdbValue>> data) {
    private static final ObjectReader READER = new ObjectMapper().readerFor(OvsdbTable.class);

    OvsdbTable {
        headings = headings == null ? List.of() : List.copyOf(headings);
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** The rows, each a column name to value map; a column missing from a row is {@link OvsdbValue#EMPTY}. */
    List<Map<String, OvsdbValue>> rows() {
        List<Map<String, OvsdbValue>> out = new ArrayList<>(data.size());
        for (List<OvsdbValue> row : data) {
            Map<String, OvsdbValue> r = new LinkedHashMap<>();
            for (int i = 0; i < headings.size(); i++) {
                r.put(headings.get(i), i < row.size() ? row.get(i) : OvsdbValue.EMPTY);
            }
            out.add(r);
        }
        return out;
    }

    static List<OvsdbTable> readAll(String text) {
        try (MappingIterator<OvsdbTable> it = READER.readValues(text)) {
            List<OvsdbTable> out = new ArrayList<>();
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("not ovs-vsctl JSON output: " + e.getMessage(), e);
        }
    }

}
