#include "engine/cli/audit_command.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "engine/audit/audit_log.h"
#include "engine/audit/audit_record.h"
#include "engine/audit/compat_root.h"
#include "engine/audit/file_io.h"
#include "engine/audit/log_prover.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/region_lock.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/base64.h"
#include "engine/base/shown_value.h"
#include "engine/base/utc_timestamp.h"
#include "engine/cli/audit_export_line.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"

namespace nethical::cli {

using namespace ::nethical::audit;  // the log this command inspects
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBad = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    "usage: audit verify DIR [--public-key FILE] | proof DIR --index I [--tree-size N] | "
    "consistency DIR --from M --to N | export DIR | heads DIR | compat-root FILE "
    "(DIR: a region's audit dir, or the storage dir, with --region R if it holds several)";

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// What a subcommand was given: its DIR (or FILE) and its flags.
struct Args {
  std::string path;
  std::optional<std::string> region;
  std::optional<std::string> public_key;
  std::optional<uint64_t> index, tree_size, from, to;
};

bool ParseCount(std::string_view v, std::optional<uint64_t>* out) {
  uint64_t x = 0;
  return ParseInteger(v, 0, UINT64_MAX, &x) && (*out = x, true);
}

StatusOr<uint64_t> Required(const std::optional<uint64_t>& value, const std::string& flag) {
  if (!value) return InvalidArgument(flag + " is required (see --help)");
  return *value;
}

bool IsAuditDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "LOCK", ec) || fs::exists(fs::path(dir) / kPublicKeyFile, ec)) {
    return true;
  }
  auto segments = ListSegments(dir);
  return segments.ok() && !segments->empty();
}

// The audit directory named by DIR (and --region). DIR may be a region's
// audit dir, a region dir, or the storage dir: with exactly one region
// there, its log is used; with several, they are listed (a usage error).
// No log at all is a usage error too ("no audit log in DIR").
StatusOr<std::string> AuditDir(const Args& args) {
  namespace fs = std::filesystem;
  const std::string& given = args.path;
  std::string dir = given;
  if (args.region) {
    auto d = AuditDirFor(given, *args.region);
    if (!d.ok()) return d.status();
    dir = *d;
  } else if (!IsAuditDir(given)) {
    std::error_code ec;
    if (IsAuditDir(given + "/audit")) {
      dir = given + "/audit";
    } else {
      std::vector<std::string> regions;
      for (const auto& entry : fs::directory_iterator(given, ec)) {
        const std::string audit = entry.path().string() + "/audit";
        if (entry.is_directory(ec) && IsAuditDir(audit)) {
          regions.push_back(entry.path().filename().string());
        }
      }
      std::sort(regions.begin(), regions.end());
      if (regions.size() == 1) {
        dir = given + "/" + regions[0] + "/audit";
      } else if (regions.size() > 1) {
        std::string list;
        for (const auto& r : regions) list += (list.empty() ? "" : ", ") + ShownValue(r);
        return InvalidArgument(ShownValue(given) + " holds the audit logs of " +
                               std::to_string(regions.size()) + " regions (" + list +
                               "); pick one with --region R");
      }
    }
  }
  if (!IsAuditDir(dir)) return InvalidArgument("no audit log in " + ShownPath(dir));
  return dir;
}

Json HexList(const std::vector<Hash>& hashes) {
  Json list = Json::array();
  for (const Hash& h : hashes) list.push_back(ToHex(h));
  return list;
}

int Fail(std::ostream& err, const Status& s) {
  err << "audit: " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitBad;
}

int Verify(const Args& args, std::ostream& out, std::ostream& err) {
  auto dir = AuditDir(args);
  if (!dir.ok()) return Fail(err, dir.status());
  const std::string key_path = args.public_key.value_or(*dir + "/" + kPublicKeyFile);
  // A running writer's tail is work in progress, not the mark of a crash.
  auto holder = RegionLockHolder(*dir);
  if (!holder.ok()) return Fail(err, holder.status());
  const bool live = holder->has_value();
  const std::string in_use = live ? "the region is in use by a running writer (pid " +
                                        std::to_string(**holder) + "); the tail may be incomplete"
                                  : "";
  VerifyReport report;
  if (Status s = VerifyLog(*dir, key_path, &report, live); !s.ok()) {
    err << "audit verify: FAILED: " << s.message() << (live ? " (" + in_use + ")" : "") << "\n";
    return kExitBad;
  }
  out << "audit verify: OK: " << report.records << " records, " << report.heads << " signed tree heads, "
      << report.segments << " segments";
  if (live) {
    out << "; " << in_use << " (" << report.unanchored << " records not anchored yet, "
        << report.incomplete_bytes << " bytes of a frame being written)";
  }
  if (report.staged_bytes > 0) {
    out << "; the staging ring holds " << report.staged_bytes
        << " bytes of acknowledged frames not in a segment yet"
        << (live ? "" : " (a writer was killed: opening the log writes and anchors them)");
  }
  out << "\n";
  return kExitOk;
}

int Proof(const Args& args, std::ostream& out, std::ostream& err) {
  auto dir = AuditDir(args);
  if (!dir.ok()) return Fail(err, dir.status());
  auto index = Required(args.index, "--index");
  if (!index.ok()) return Fail(err, index.status());
  // Default: the newest signed head, so the root can be checked against it.
  auto p = ProveInclusion(*dir, *index, args.tree_size);
  if (!p.ok()) return Fail(err, p.status());
  Json j = {{"leaf_index", *index},
            {"tree_size", p->tree_size},
            {"leaf_hash", ToHex(p->leaf_hash)},
            {"root", ToHex(p->root)},
            {"proof", HexList(p->proof)}};
  out << Dump(j) << "\n";
  return kExitOk;
}

int Consistency(const Args& args, std::ostream& out, std::ostream& err) {
  auto dir = AuditDir(args);
  if (!dir.ok()) return Fail(err, dir.status());
  auto from = Required(args.from, "--from");
  if (!from.ok()) return Fail(err, from.status());
  auto to = Required(args.to, "--to");
  if (!to.ok()) return Fail(err, to.status());
  auto c = ProveConsistency(*dir, *from, *to);
  if (!c.ok()) return Fail(err, c.status());
  Json j = {{"size1", *from},
            {"size2", *to},
            {"root1", ToHex(c->root1)},
            {"root2", ToHex(c->root2)},
            {"proof", HexList(c->proof)}};
  out << Dump(j) << "\n";
  return kExitOk;
}

int Export(const Args& args, std::ostream& out, std::ostream& err) {
  auto dir = AuditDir(args);
  if (!dir.ok()) return Fail(err, dir.status());
  // Lines go out in blocks of about kExportBlock bytes; each block's write
  // is checked, so the first failed write (a full disk, a closed pipe)
  // stops the export.
  constexpr size_t kExportBlock = 1 << 16;
  std::string block;
  auto write_block = [&]() -> Status {
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
    block.clear();
    return out ? Status::Ok() : IoError("cannot write the output");
  };
  ScanTail tail;
  Status s = ScanLog(
      *dir, TailPolicy::kStrict,
      [&](const FrameVisit& f) -> Status {
        if (f.type != FrameType::kRecord) return Status::Ok();
        auto r = DecodeRecord(f.payload);
        if (!r.ok()) {
          return DataLoss("record " + std::to_string(f.record_index) + ": " + r.status().message());
        }
        AppendAuditExportLine(f.record_index, f.payload, LeafHash(f.payload), *r, &block);
        block.push_back('\n');
        return block.size() >= kExportBlock ? write_block() : Status::Ok();
      },
      &tail);
  if (s.ok()) s = write_block();
  if (!s.ok()) return Fail(err, s);
  return kExitOk;
}

int Heads(const Args& args, std::ostream& out, std::ostream& err) {
  auto dir = AuditDir(args);
  if (!dir.ok()) return Fail(err, dir.status());
  // Streamed as the scan meets them: no record is hashed, nothing is kept.
  ScanTail tail;
  Status s = ScanLog(
      *dir, TailPolicy::kStrict,
      [&](const FrameVisit& f) -> Status {
        if (f.type != FrameType::kTreeHead) return Status::Ok();
        auto h = DecodeTreeHead(f.payload);
        if (!h.ok())
          return DataLoss("tree head after record " + std::to_string(f.record_index) + ": " +
                          h.status().message());
        const std::string sig(reinterpret_cast<const char*>(h->signature.data()), h->signature.size());
        Json j = {{"tree_size", h->tree_size},
                  {"root", ToHex(h->root)},
                  {"timestamp", UtcTimestamp(h->timestamp_ns, kIsoNanosZ)},
                  {"timestamp_ns", h->timestamp_ns},
                  {"signature", Base64Encode(sig)},
                  {"signature_algorithm", "Ed25519"}};
        out << Dump(j) << "\n";
        if (!out) return IoError("cannot write the output");
        return Status::Ok();
      },
      &tail);
  if (!s.ok()) return Fail(err, s);
  return kExitOk;
}

// FILE: an original chunk (JSON object with "events", and "merkle_root"
// to compare with) or JSONL with one event object per line.
int CompatRoot(const Args& args, std::ostream& out, std::ostream& err) {
  const std::string& path = args.path;
  auto text = ReadWholeFile(path);
  if (!text.ok()) return Fail(err, text.status());
  std::vector<Json> events;
  std::string stored_root;
  const Json whole = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded() && whole.is_object() && whole.contains("events")) {
    if (!whole["events"].is_array()) return Fail(err, DataLoss(path + ": \"events\" is not a list"));
    for (const auto& e : whole["events"]) events.push_back(e);
    if (whole.contains("merkle_root") && whole["merkle_root"].is_string()) {
      stored_root = whole["merkle_root"].get<std::string>();
    }
  } else {
    size_t line_no = 0;
    size_t start = 0;
    while (start < text->size()) {
      size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      const std::string line = text->substr(start, end - start);
      start = end + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Json e = Json::parse(line, nullptr, false);
      if (e.is_discarded() || !e.is_object()) {
        return Fail(err, DataLoss(path + " line " + std::to_string(line_no) +
                                  ": not a JSON object (want a chunk file or JSONL events)"));
      }
      events.push_back(std::move(e));
    }
  }
  const std::string root = CompatChunkRoot(events);
  Json j = {{"events", events.size()}, {"root", root}};
  if (!stored_root.empty()) j["matches_chunk_root"] = stored_root == root;
  out << Dump(j) << "\n";
  if (!stored_root.empty() && stored_root != root) {
    err << "audit compat-root: chunk says merkle_root " << stored_root << " but its events give " << root
        << "\n";
    return kExitBad;
  }
  return kExitOk;
}

}  // namespace

int RunAuditCommand(int argc, char** argv, std::ostream& out, std::ostream& err) {
  if (argc < 2) {
    err << "audit: missing subcommand; " << kUsage << "\n";
    return kExitUsage;
  }
  const std::string sub = argv[1];
  enum Flag : unsigned { kRegion = 1, kPublicKey = 2, kIndex = 4, kTreeSize = 8, kFromTo = 16 };
  struct Command {
    int (*run)(const Args&, std::ostream&, std::ostream&);
    unsigned flags;
    const char* path;  // the positional: DIR or FILE
    const char* summary;
  };
  static const std::map<std::string, Command> kCommands = {
      {"verify", {Verify, kRegion | kPublicKey, "DIR", "check every record, tree head and signature"}},
      {"proof", {Proof, kRegion | kIndex | kTreeSize, "DIR", "inclusion proof of one record (JSON)"}},
      {"consistency",
       {Consistency, kRegion | kFromTo, "DIR", "consistency proof between two tree sizes (JSON)"}},
      {"export", {Export, kRegion, "DIR", "every record as JSONL"}},
      {"heads", {Heads, kRegion, "DIR", "every signed tree head as JSONL"}},
      {"compat-root", {CompatRoot, 0, "FILE", "Merkle root of an original chunk file or JSONL events"}},
  };
  if (sub == "help" || sub == "--help" || sub == "-h") {
    out << kUsage << "\n";
    return kExitOk;
  }
  const auto it = kCommands.find(sub);
  if (it == kCommands.end()) {
    err << "audit: unknown subcommand '" << ShownValue(sub) << "'; " << kUsage << "\n";
    return kExitUsage;
  }
  const Command& command = it->second;
  Args args;
  bool help = false;
  FlagParser flags("Usage: nethical audit " + sub + " " + command.path + " [flags]\n" + command.summary +
                   ".\nExit status: 0 success, 1 a failed check or a read/write error, 2 usage error.\n");
  flags.Positional(command.path, "a non-empty path",
                   std::string(command.path) == "DIR"
                       ? "a region's audit directory, a region directory, or the storage directory"
                       : "an original chunk (JSON with \"events\") or JSONL events",
                   [&](std::string_view v) { return !v.empty() && (args.path = v, true); });
  if (command.flags & kRegion)
    flags.Value("--region", "R", "a non-empty region name",
                "DIR is the storage directory; use region R's log",
                [&](std::string_view v) { return !v.empty() && (args.region = std::string(v), true); });
  if (command.flags & kPublicKey)
    flags.Value("--public-key", "FILE", "a non-empty path",
                "Ed25519 public key (default DIR/" + std::string(kPublicKeyFile) + ")",
                [&](std::string_view v) { return !v.empty() && (args.public_key = std::string(v), true); });
  if (command.flags & kIndex)
    flags.Value("--index", "I", "a non-negative integer", "the record (required)",
                [&](std::string_view v) { return ParseCount(v, &args.index); });
  if (command.flags & kTreeSize)
    flags.Value("--tree-size", "N", "a non-negative integer",
                "the tree to prove against (default: the newest signed head)",
                [&](std::string_view v) { return ParseCount(v, &args.tree_size); });
  if (command.flags & kFromTo) {
    flags.Value("--from", "M", "a non-negative integer", "the older tree size (required)",
                [&](std::string_view v) { return ParseCount(v, &args.from); });
    flags.Value("--to", "N", "a non-negative integer", "the newer tree size (required)",
                [&](std::string_view v) { return ParseCount(v, &args.to); });
  }
  flags.Switch("--help", "this text", [&] { help = true; });
  // --help is honoured before the check for a missing DIR.
  const Status parsed = flags.Parse(std::vector<std::string>(argv + 2, argv + argc));
  if (help) {
    out << flags.Help();
    return kExitOk;
  }
  if (!parsed.ok()) {
    err << "audit " << sub << ": " << parsed.message() << "\n";
    return kExitUsage;
  }
  const int rc = command.run(args, out, err);
  // Output that did not reach its destination is a failure, not a success.
  out.flush();
  if (!out) {
    if (rc == kExitOk) err << "audit " << sub << ": cannot write the output\n";
    return kExitBad;
  }
  return rc;
}

}  // namespace nethical::cli
