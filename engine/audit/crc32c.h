// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), written here so the
// audit log adds no dependency. Checks every segment frame. Pure and
// thread-safe. On x86-64 CPUs with SSE4.2 it uses the crc32 instruction,
// in three interleaved chains over blocks of 384 bytes (a record frame is
// ~900 bytes); elsewhere a table-driven slice-by-8 loop.
//
//   uint32_t c = Crc32c(data);                 // whole buffer
//   uint32_t c2 = Crc32cExtend(c, more);       // == Crc32c(data + more)
#pragma once

#include <cstdint>
#include <string_view>

namespace nethical::audit {

uint32_t Crc32cExtend(uint32_t crc, std::string_view data);
// The table-driven path alone (what Crc32cExtend uses without SSE4.2).
uint32_t Crc32cExtendPortable(uint32_t crc, std::string_view data);
inline uint32_t Crc32c(std::string_view data) { return Crc32cExtend(0, data); }

}  // namespace nethical::audit
