// Fuzzes the tree-head decoder (engine/audit/tree_head.h) on raw payloads.
// Invariants: DecodeTreeHead accepts exactly the 112-byte payloads, and an
// accepted head re-encodes to the same bytes; the signed message is the
// context string, two big-endian u64 and the root (27 + 16 + 32 bytes), so
// two heads that differ in any signed field sign different messages.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit/tree_head.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nethical::audit;
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  auto head = DecodeTreeHead(payload);
  FUZZ_CHECK(head.ok() == (size == kTreeHeadPayloadSize), "DecodeTreeHead's size check is wrong");
  if (!head.ok()) {
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(head.status().message()), "error message is not one line");
    return 0;
  }
  std::string again;
  EncodeTreeHead(*head, &again);
  FUZZ_CHECK(again == payload, "a decoded tree head does not re-encode to its payload");

  const std::string message = SignedTreeHeadMessage(head->tree_size, head->timestamp_ns, head->root);
  FUZZ_CHECK(message.size() == 27 + 16 + kHashSize, "signed message has the wrong length");
  TreeHead other = *head;
  other.tree_size ^= 1;
  FUZZ_CHECK(SignedTreeHeadMessage(other.tree_size, other.timestamp_ns, other.root) != message,
             "the signed message does not cover tree_size");
  other = *head;
  other.timestamp_ns ^= 1;
  FUZZ_CHECK(SignedTreeHeadMessage(other.tree_size, other.timestamp_ns, other.root) != message,
             "the signed message does not cover the timestamp");
  other = *head;
  other.root[kHashSize - 1] ^= 1;
  FUZZ_CHECK(SignedTreeHeadMessage(other.tree_size, other.timestamp_ns, other.root) != message,
             "the signed message does not cover the root");
  return 0;
}
