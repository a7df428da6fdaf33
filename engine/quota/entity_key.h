// The entities a request is counted against, and how they are named.
//
// An entity is a (kind, id) pair. Kinds never share a namespace: agent "eu"
// and tenant "eu" are two entities with two budgets. (The original keyed one
// dict by id alone, so an agent could spend a region's budget, and the kind
// was fixed by whoever was seen first.)
//
//   CheckedEntities e(agent_id, cohort, tenant, /*cohort_isolation=*/true,
//                     /*tenant_isolation=*/true);
//   for (const EntityKey& key : e) ...   // agent, then cohort, then tenant
//
// An EntityKey views the caller's string: it lives only as long as the
// request that made it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nethical::quota {

enum class EntityKind : uint8_t { kAgent, kCohort, kTenant };

// "agent", "cohort", "tenant": the words the original used in its reasons.
std::string_view EntityKindName(EntityKind kind);

struct EntityKey {
  EntityKey() = default;  // members left unset: CheckedEntities fills only what it uses
  EntityKey(EntityKind kind, std::string_view id);

  EntityKind kind;
  std::string_view id;
  // Well mixed in every bit. The top bits choose the ShardedLruMap shard,
  // the low bits the slot.
  uint64_t hash;
};

// An entity as a quota table stores it (the key of the table's
// ShardedLruMap; looked up by EntityKey, so a lookup copies no id).
struct StoredEntity {
  explicit StoredEntity(const EntityKey& key) : kind(key.kind), id(key.id) {}
  EntityKind kind;
  std::string id;
};
struct EntityKeyHash {
  uint64_t operator()(const EntityKey& key) const { return key.hash; }
};
struct EntityKeyEq {
  bool operator()(const StoredEntity& stored, const EntityKey& key) const {
    return stored.kind == key.kind && stored.id == key.id;
  }
};

// The entities one request is checked against, in the original's order:
// agent, then cohort (if isolation is on and the cohort is not ""), then
// tenant (likewise).
class CheckedEntities {
 public:
  static constexpr size_t kMaxEntities = 3;

  CheckedEntities(std::string_view agent_id, std::string_view cohort, std::string_view tenant,
                  bool cohort_isolation, bool tenant_isolation) {
    Add(EntityKind::kAgent, agent_id);
    if (cohort_isolation && !cohort.empty()) Add(EntityKind::kCohort, cohort);
    if (tenant_isolation && !tenant.empty()) Add(EntityKind::kTenant, tenant);
  }

  size_t size() const { return size_; }
  const EntityKey& operator[](size_t i) const { return keys_[i]; }
  const EntityKey* begin() const { return keys_.data(); }
  const EntityKey* end() const { return keys_.data() + size_; }

 private:
  void Add(EntityKind kind, std::string_view id) { keys_[size_++] = EntityKey(kind, id); }

  std::array<EntityKey, kMaxEntities> keys_;
  size_t size_ = 0;
};

}  // namespace nethical::quota
