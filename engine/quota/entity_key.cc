#include "engine/quota/entity_key.h"

#include <functional>

namespace nethical::quota {
namespace {

// MurmurHash3's 64-bit finaliser: spreads the kind and the id hash over all
// bits, so that the shard (top bits) and the slot (low bits) are independent.
uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kAgent: return "agent";
    case EntityKind::kCohort: return "cohort";
    case EntityKind::kTenant: return "tenant";
  }
  return "agent";
}

EntityKey::EntityKey(EntityKind kind, std::string_view id) : kind(kind), id(id) {
  const uint64_t h = Mix(std::hash<std::string_view>{}(id) +
                         (static_cast<uint64_t>(kind) + 1) * 0x9e3779b97f4a7c15ULL);
  hash = h == 0 ? 1 : h;
}

CheckedEntities::CheckedEntities(std::string_view agent_id, std::string_view cohort,
                                 std::string_view tenant, bool cohort_isolation,
                                 bool tenant_isolation) {
  keys_[size_++] = EntityKey(EntityKind::kAgent, agent_id);
  if (cohort_isolation && !cohort.empty()) keys_[size_++] = EntityKey(EntityKind::kCohort, cohort);
  if (tenant_isolation && !tenant.empty()) keys_[size_++] = EntityKey(EntityKind::kTenant, tenant);
}

}  // namespace nethical::quota
