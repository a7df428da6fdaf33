// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven
// slice-by-8, written here so the audit log adds no dependency. Checks every
// segment frame. Pure and thread-safe.
//
//   uint32_t c = Crc32c(data);                 // whole buffer
//   uint32_t c2 = Crc32cExtend(c, more);       // == Crc32c(data + more)
#pragma once

#include <cstdint>
#include <string_view>

namespace nethical::audit {

uint32_t Crc32cExtend(uint32_t crc, std::string_view data);
inline uint32_t Crc32c(std::string_view data) { return Crc32cExtend(0, data); }

}  // namespace nethical::audit
