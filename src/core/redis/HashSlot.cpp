#include "core/redis/HashSlot.h"

#include <array>

namespace qd::redis::hashslot {
namespace {

constexpr std::array<quint16, 256> makeTable()
{
    std::array<quint16, 256> table {};
    for (unsigned byte = 0; byte < 256; ++byte) {
        unsigned crc = byte << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1;
        table[byte] = static_cast<quint16>(crc & 0xffff);
    }
    return table;
}

constexpr std::array<quint16, 256> kTable = makeTable();

} // namespace

quint16 crc16(QByteArrayView data)
{
    quint16 crc = 0;
    for (const char c : data) {
        const auto index = static_cast<quint8>((crc >> 8) ^ static_cast<quint8>(c));
        crc = static_cast<quint16>((crc << 8) ^ kTable[index]);
    }
    return crc;
}

int of(QByteArrayView key)
{
    const qsizetype open = key.indexOf('{');
    if (open >= 0) {
        const qsizetype close = key.sliced(open + 1).indexOf('}');
        if (close > 0) // "{}" is not a tag: the whole key is hashed
            key = key.sliced(open + 1, close);
    }
    return crc16(key) % kSlotCount;
}

} // namespace qd::redis::hashslot
