#pragma once

#include <QByteArrayView>

namespace qd::redis {

// Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key, or of the first non-empty
// "{...}" hash tag inside it, modulo 16384.
namespace hashslot {

constexpr int kSlotCount = 16384;

quint16 crc16(QByteArrayView data);
int of(QByteArrayView key);

} // namespace hashslot
} // namespace qd::redis
