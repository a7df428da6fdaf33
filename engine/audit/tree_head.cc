#include "engine/audit/tree_head.h"

#include <cstring>

#include "engine/audit/byte_order.h"

namespace nethical::audit {

std::string SignedTreeHeadMessage(uint64_t tree_size, int64_t timestamp_ns, const Hash& root) {
  std::string msg = "nethical-audit-tree-head-v1";
  PutBigEndian64(&msg, tree_size);
  PutBigEndian64(&msg, static_cast<uint64_t>(timestamp_ns));
  msg.append(reinterpret_cast<const char*>(root.data()), root.size());
  return msg;
}

void EncodeTreeHead(const TreeHead& head, std::string* out) {
  PutFixed64(out, head.tree_size);
  out->append(reinterpret_cast<const char*>(head.root.data()), head.root.size());
  PutFixed64(out, static_cast<uint64_t>(head.timestamp_ns));
  out->append(reinterpret_cast<const char*>(head.signature.data()), head.signature.size());
}

StatusOr<TreeHead> DecodeTreeHead(std::string_view payload) {
  if (payload.size() != kTreeHeadPayloadSize) {
    return DataLoss("tree head is " + std::to_string(payload.size()) + " bytes, want " +
                    std::to_string(kTreeHeadPayloadSize));
  }
  TreeHead head;
  const char* p = payload.data();
  head.tree_size = GetFixed64(p);
  std::memcpy(head.root.data(), p + 8, kHashSize);
  head.timestamp_ns = static_cast<int64_t>(GetFixed64(p + 8 + kHashSize));
  std::memcpy(head.signature.data(), p + 16 + kHashSize, kSignatureSize);
  return head;
}

}  // namespace nethical::audit
