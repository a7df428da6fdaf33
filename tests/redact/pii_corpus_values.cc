#include "tests/redact/pii_corpus_values.h"

#include <array>
#include <cstdio>
#include <utility>

namespace nethical::redact {
namespace {

using Words = std::string_view;

constexpr Words kFirstNames[] = {
    "Maria",  "Wei",    "Aisha", "Lars",   "Priya",  "Kwame", "Sofia",   "Mateo", "Yuki",   "Olga",
    "Tomasz", "Fatima", "Diego", "Ingrid", "Chen",   "Amara", "Noah",    "Leila", "Ravi",   "Hannah",
    "Jonas",  "Zanele", "Emeka", "Lucia",  "Pierre", "Anja",  "Hiroshi", "Nadia", "Omar",   "Grace",
    "Ethan",  "Mei",    "Sven",  "Carmen", "Tariq",  "Elena", "Kofi",    "Rosa",  "Dmitri", "Isabel",
};

constexpr Words kLastNames[] = {
    "Lopez",   "Zhang",    "Okafor", "Nilsson",   "Sharma", "Mensah",    "Rossi",   "Garcia", "Tanaka",
    "Ivanova", "Kowalski", "Haddad", "Fernandez", "Berg",   "Nakamura",  "Adeyemi", "Murphy", "Novak",
    "Patel",   "Schmidt",  "Dubois", "Khan",      "Silva",  "Johansson", "Kim",     "Cohen",  "Moreau",
    "Yilmaz",  "Andersen", "Costa",  "Walker",    "Reyes",  "Kuznetsov", "Mwangi",  "Duarte", "Hoffmann",
};

constexpr Words kEmailDomains[] = {
    "gmail.com",    "outlook.com",       "yahoo.co.jp",       "proton.me",    "hey.com",
    "posteo.de",    "northwind.io",      "contoso.com",       "fabrikam.net", "acme-widgets.co.uk",
    "lakeside.edu", "mail.tailspin.org", "corp.globex.com",   "uni-bonn.de",  "students.uvic.ca",
    "zoho.eu",      "example.org",       "relay.wingtip.dev", "fastmail.fm",  "orange.fr",
};

constexpr Words kCities[] = {
    "Lisbon", "Nairobi", "Osaka", "Denver",  "Leeds",   "Porto Alegre", "Krakow",
    "Austin", "Lyon",    "Pune",  "Halifax", "Tallinn", "Accra",        "Adelaide",
};

constexpr Words kCompanies[] = {
    "Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys",
    "Wingtip Partners",  "Globex",  "Initech",  "Blue Yonder Freight",
    "Lakeside Clinic",   "Adatum",
};

constexpr Words kTeams[] = {
    "platform", "payments", "growth", "data", "mobile", "security", "billing", "support",
};

constexpr Words kProducts[] = {
    "Atlas", "Beacon",           "the mobile app", "the partner portal",
    "Orbit", "the search index", "Ledger",         "the recommendation engine",
};

constexpr Words kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

constexpr Words kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};

constexpr Words kMonthAbbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Digits(CorpusRng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(rng.Digit());
  return s;
}

std::string Padded(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

// Replaces each '#' of `pattern` with a random digit.
std::string FillDigits(std::string_view pattern, CorpusRng& rng) {
  std::string out(pattern);
  for (char& c : out) {
    if (c == '#') c = rng.Digit();
  }
  return out;
}

// Inserts `separator` after the digits counted in `groups` ({4, 4, 4, 4}).
std::string Grouped(std::string_view digits, std::initializer_list<int> groups, std::string_view separator) {
  std::string out;
  size_t pos = 0;
  for (int g : groups) {
    if (pos >= digits.size()) break;
    if (pos > 0) out += separator;
    out += digits.substr(pos, static_cast<size_t>(g));
    pos += static_cast<size_t>(g);
  }
  if (pos < digits.size()) out += digits.substr(pos);
  return out;
}

std::string MakeEmail(CorpusRng& rng) {
  const std::string first = Lower(rng.Pick(kFirstNames));
  const std::string last = Lower(rng.Pick(kLastNames));
  std::string local;
  switch (rng.Below(8)) {
    case 0:
      local = first + "." + last;
      break;
    case 1:
      local = first + "_" + last;
      break;
    case 2:
      local = first.substr(0, 1) + last;
      break;
    case 3:
      local = first + "." + last.substr(0, 1);
      break;
    case 4:
      local = first + "+" + std::string(rng.Pick(kTeams));
      break;
    case 5:
      local = first + last + Digits(rng, 2);
      break;
    case 6:
      local = last + "-" + first;
      break;
    default:
      local = first;
      break;
  }
  std::string domain(rng.Pick(kEmailDomains));
  if (rng.Percent(10)) {
    // Some people write their address the way they write their name.
    local[0] = static_cast<char>(local[0] - 'a' + 'A');
    domain[0] = static_cast<char>(domain[0] - 'a' + 'A');
  }
  return local + "@" + domain;
}

// Area code and exchange both start with 2-9 (NANP).
std::string MakeNanpPhone(CorpusRng& rng) {
  const std::string area = std::string(1, static_cast<char>('2' + rng.Below(8))) + Digits(rng, 2);
  const std::string exchange = std::string(1, static_cast<char>('2' + rng.Below(8))) + Digits(rng, 2);
  const std::string line = Digits(rng, 4);
  switch (rng.Below(9)) {
    case 0:
      return "(" + area + ") " + exchange + "-" + line;
    case 1:
      return area + "-" + exchange + "-" + line;
    case 2:
      return area + "." + exchange + "." + line;
    case 3:
      return "+1 " + area + " " + exchange + " " + line;
    case 4:
      return "+1-" + area + "-" + exchange + "-" + line;
    case 5:
      return "1-" + area + "-" + exchange + "-" + line;
    case 6:
      return "+1 (" + area + ") " + exchange + "-" + line;
    case 7:
      return area + " " + exchange + " " + line;
    default:
      return area + exchange + line;
  }
}

// E.164 numbers as each country writes them ('#' is any digit).
constexpr Words kInternationalPhones[] = {
    "+44 20 #### ####",  "+44 7### ######",   "+49 30 #######",    "+49 151 ########",
    "+33 1 ## ## ## ##", "+33 6 ## ## ## ##", "+61 2 #### ####",   "+81 3-####-####",
    "+91 9#### #####",   "+353 1 ### ####",   "+55 11 9####-####", "+34 6## ### ###",
    "+31 6 ########",    "+27 82 ### ####",   "+52 55 #### ####",  "+46 8 ### ### ##",
};

std::string MakePhone(CorpusRng& rng) {
  if (rng.Percent(65)) return MakeNanpPhone(rng);
  return FillDigits(rng.Pick(kInternationalPhones), rng);
}

std::string MakeSsn(CorpusRng& rng) {
  int area = 0;
  do {
    area = rng.Between(1, 899);
  } while (area == 666);
  const std::string a = Padded(area, 3);
  const std::string g = Padded(rng.Between(1, 99), 2);
  const std::string s = Padded(rng.Between(1, 9999), 4);
  const std::string digits = a + g + s;
  if (digits == "078051120" || digits == "123456789" || digits == "219099999") {
    return MakeSsn(rng);  // a published sample number: draw again
  }
  const uint64_t style = rng.Below(10);
  if (style < 8) return a + "-" + g + "-" + s;
  if (style == 8) return a + " " + g + " " + s;
  return digits;
}

struct Issuer {
  Words prefix;     // fixed leading digits; '#' is any digit
  int length;       // total digits, check digit included
  int group_style;  // 0: 4-4-4-4(-3), 1: 4-6-5 (Amex), 2: 4-6-4 (Diners)
};

// Issuer prefixes the networks issue at these lengths (ISO/IEC 7812 BINs).
constexpr Issuer kIssuers[] = {
    {"4", 16, 0},    {"4", 16, 0},    {"4", 13, 0},    {"51", 16, 0},   {"53", 16, 0},
    {"55", 16, 0},   {"2221", 16, 0}, {"2720", 16, 0}, {"23##", 16, 0}, {"34", 15, 1},
    {"37", 15, 1},   {"6011", 16, 0}, {"645", 16, 0},  {"65", 16, 0},   {"3530", 16, 0},
    {"3589", 16, 0}, {"36", 14, 2},   {"300", 14, 2},  {"62", 16, 0},   {"62", 19, 0},
};

std::string MakeCard(CorpusRng& rng) {
  const Issuer& issuer = rng.Pick(kIssuers);
  std::string digits = FillDigits(issuer.prefix, rng);
  while (static_cast<int>(digits.size()) < issuer.length - 1) digits.push_back(rng.Digit());
  digits.push_back(LuhnCheckDigit(digits));
  const uint64_t style = rng.Below(20);
  const std::string_view separator = style < 9 ? " " : style < 13 ? "-" : "";
  if (separator.empty()) return digits;
  switch (issuer.group_style) {
    case 1:
      return Grouped(digits, {4, 6, 5}, separator);
    case 2:
      return Grouped(digits, {4, 6, 4}, separator);
    default:
      return Grouped(digits, {4, 4, 4, 4}, separator);
  }
}

std::string Hex4(CorpusRng& rng, bool upper) {
  // Written without leading zeros, as addresses usually are.
  static constexpr char kLower[] = "0123456789abcdef";
  static constexpr char kUpper[] = "0123456789ABCDEF";
  const char* alphabet = upper ? kUpper : kLower;
  std::string g(1, alphabet[1 + rng.Below(15)]);
  const int more = rng.Between(0, 3);
  for (int i = 0; i < more; ++i) g.push_back(alphabet[rng.Below(16)]);
  return g;
}

constexpr Words kIpv6Prefixes[] = {"2001:db8", "2a02:26f0", "2607:f8b0", "fd12:3456", "2400:cb00", "fe80:0"};

std::string MakeIpv6(CorpusRng& rng) {
  const bool upper = rng.Percent(15);
  std::string prefix(rng.Pick(kIpv6Prefixes));
  if (upper) {
    for (char& c : prefix) {
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  if (rng.Percent(40)) {
    std::string out = prefix;  // two groups
    for (int i = 0; i < 6; ++i) out += ":" + Hex4(rng, upper);
    return out;
  }
  // Compressed: the prefix, optionally one more group, "::", then 1-3 groups.
  std::string out = prefix;
  if (rng.Percent(50)) out += ":" + Hex4(rng, upper);
  out += ":";
  const int tail = rng.Between(1, 3);
  for (int i = 0; i < tail; ++i) out += ":" + Hex4(rng, upper);
  return out;
}

std::string MakeIp(CorpusRng& rng) {
  if (rng.Percent(30)) return MakeIpv6(rng);
  return std::to_string(rng.Between(1, 223)) + "." + std::to_string(rng.Between(0, 255)) + "." +
         std::to_string(rng.Between(0, 255)) + "." + std::to_string(rng.Between(1, 254));
}

std::string MakePassport(CorpusRng& rng) {
  switch (rng.Below(5)) {
    case 0:
      return std::string{rng.Upper(), rng.Upper()} + Digits(rng, 7);
    case 1:
      return std::string{rng.Upper()} + Digits(rng, 8);
    case 2:
      return std::string{rng.Upper(), rng.Upper()} + Digits(rng, 6);
    case 3:
      return std::string{rng.Upper()} + Digits(rng, 7);
    default:
      return std::string(1, rng.NonZeroDigit()) + Digits(rng, 8);  // US-style 9 digits
  }
}

// A calendar date; days stop at 28 so every month has them.
struct Date {
  int year, month, day;
};

Date MakeDate(CorpusRng& rng, int first_year, int last_year) {
  return {rng.Between(first_year, last_year), rng.Between(1, 12), rng.Between(1, 28)};
}

std::string FormatDate(const Date& d, uint64_t style) {
  const std::string y = std::to_string(d.year);
  switch (style) {
    case 0:
      return Padded(d.month, 2) + "/" + Padded(d.day, 2) + "/" + y;
    case 1:
      return std::to_string(d.month) + "/" + std::to_string(d.day) + "/" + y;
    case 2:
      return Padded(d.day, 2) + "." + Padded(d.month, 2) + "." + y;
    case 3:
      return y + "-" + Padded(d.month, 2) + "-" + Padded(d.day, 2);
    case 4:
      return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.day) + ", " + y;
    case 5:
      return std::to_string(d.day) + " " + std::string(kMonthAbbreviations[d.month - 1]) + " " + y;
    default:
      return Padded(d.month, 2) + "-" + Padded(d.day, 2) + "-" + y;
  }
}

std::string MakeDob(CorpusRng& rng) { return FormatDate(MakeDate(rng, 1940, 2006), rng.Below(7)); }

std::string MakeNonBirthDate(CorpusRng& rng) { return FormatDate(MakeDate(rng, 2019, 2026), rng.Below(6)); }

// 16 digits that fail Luhn; a third start like a card network's prefix.
std::string MakeOrderNumber(CorpusRng& rng) {
  std::string digits =
      rng.Percent(33) ? std::string(1, rng.Pick({'4', '5', '6'})) : std::string(1, rng.NonZeroDigit());
  while (digits.size() < 15) digits.push_back(rng.Digit());
  const int check = LuhnCheckDigit(digits) - '0';
  digits.push_back(static_cast<char>('0' + (check + rng.Between(1, 9)) % 10));
  return rng.Percent(75) ? digits : Grouped(digits, {4, 4, 4, 4}, "-");
}

std::string MakeVersion(CorpusRng& rng) {
  const std::string major = std::to_string(rng.Between(0, 12));
  const std::string minor = std::to_string(rng.Between(0, 30));
  const std::string patch = std::to_string(rng.Between(0, 20));
  switch (rng.Below(6)) {
    case 0:
      return major + "." + minor + "." + patch;
    case 1:
      return "v" + major + "." + minor + "." + patch;
    case 2:
      return major + "." + minor + "." + patch + "-rc." + std::to_string(rng.Between(1, 5));
    case 3:
      return major + "." + minor;
    case 4:
      return major + "." + minor + "." + patch + "." + std::to_string(rng.Between(1, 400));
    default:
      return major + "." + minor + "." + patch + "-" + std::to_string(rng.Between(10, 99)) + "-generic";
  }
}

std::string MakeTicket(CorpusRng& rng) {
  switch (rng.Below(7)) {
    case 0:
      return "INC-" + Digits(rng, 6);
    case 1:
      return "JIRA-" + std::to_string(rng.Between(100, 9999));
    case 2:
      return "CHG" + Padded(rng.Between(1, 99999), 7);
    case 3:
      return "SR-" + Digits(rng, 7);
    case 4:
      return "BUG-" + std::to_string(rng.Between(10, 9999));
    case 5:
      return "TKT#" + std::to_string(rng.Between(10000, 99999));
    default:
      return "CASE " + Digits(rng, 8);
  }
}

std::string WithThousands(int value) {
  std::string s = std::to_string(value);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string MakeAmount(CorpusRng& rng) {
  const int whole = rng.Percent(50) ? rng.Between(1, 999) : rng.Between(1000, 250000);
  const std::string cents = Padded(rng.Between(0, 99), 2);
  switch (rng.Below(5)) {
    case 0:
      return "$" + WithThousands(whole) + "." + cents;
    case 1:
      return "EUR " + WithThousands(whole) + "." + cents;
    case 2:
      return "USD " + WithThousands(whole);
    case 3:
      return "\xC2\xA3" + std::to_string(whole) + "." + cents;  // pound sign, UTF-8
    default:
      return WithThousands(whole) + " kr";
  }
}

std::string MakeTime(CorpusRng& rng) {
  const int hour = rng.Between(0, 23);
  const std::string minute = Padded(rng.Between(0, 59), 2);
  switch (rng.Below(4)) {
    case 0:
      return std::to_string(hour) + ":" + minute;
    case 1:
      return Padded(hour, 2) + ":" + minute + ":" + Padded(rng.Between(0, 59), 2);
    case 2:
      return std::to_string(hour % 12 + 1) + ":" + minute + (hour < 12 ? " am" : " pm");
    default:
      return Padded(hour, 2) + ":" + minute + " UTC";
  }
}

std::string MakeHex(CorpusRng& rng) {
  const int length = rng.Pick({7, 8, 12});
  std::string s;
  for (int i = 0; i < length; ++i) s.push_back(rng.HexDigit());
  return s;
}

std::string MakeSku(CorpusRng& rng) {
  switch (rng.Below(3)) {
    case 0:
      return "SKU-" + Digits(rng, 4) + "-" + std::string(1, rng.Upper());
    case 1:
      return "PN " + Digits(rng, 4) + "-" + Digits(rng, 2);
    default:
      return "item #" + std::to_string(rng.Between(10000, 99999));
  }
}

std::string MakeDuration(CorpusRng& rng) {
  switch (rng.Below(3)) {
    case 0:
      return std::to_string(rng.Between(1, 900)) + " ms";
    case 1:
      return std::to_string(rng.Between(1, 59)) + "." + rng.Digit() + " s";
    default:
      return std::to_string(rng.Between(2, 90)) + " minutes";
  }
}

std::string MakePercent(CorpusRng& rng) {
  if (rng.Percent(50)) return std::to_string(rng.Between(1, 99)) + "%";
  return std::to_string(rng.Between(90, 99)) + "." + rng.Digit() + "%";
}

// Hostile forms (issue 12): the same values, written so that an ASCII
// pattern alone misses them.
std::string FullWidthDigits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out.push_back(static_cast<char>(0x90 + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

constexpr std::string_view kUnicodeHyphens[] = {"\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92",
                                                "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92"};
constexpr std::string_view kZeroWidth[] = {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0",
                                           "\xEF\xBB\xBF"};

std::string AsciiDigits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

std::string SsnDigits(CorpusRng& rng) { return AsciiDigits(MakeSsn(rng)); }

std::string MakeSsnUnicodeHyphen(CorpusRng& rng) {
  const std::string d = SsnDigits(rng);
  const std::string_view h = rng.Pick(kUnicodeHyphens);
  return d.substr(0, 3) + std::string(h) + d.substr(3, 2) + std::string(h) + d.substr(5);
}

std::string MakePhoneUnicodeHyphen(CorpusRng& rng) {
  const std::string_view h = rng.Pick(kUnicodeHyphens);
  return std::to_string(rng.Between(2, 9)) + Digits(rng, 2) + std::string(h) +
         std::to_string(rng.Between(2, 9)) + Digits(rng, 2) + std::string(h) + Digits(rng, 4);
}

std::string MakeCardZeroWidth(CorpusRng& rng) {
  const std::string d = AsciiDigits(MakeCard(rng));
  const std::string_view z = rng.Pick(kZeroWidth);
  std::string out;
  for (size_t i = 0; i < d.size(); i += 4) {
    if (i > 0) out += z;
    out += d.substr(i, 4);
  }
  return out;
}

std::string MakeAwsKeyId(CorpusRng& rng) {
  static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out = "AKIA";
  for (int i = 0; i < 16; ++i) out.push_back(kBase32[rng.Below(32)]);
  return out;
}

std::string MakeAwsSecret(CorpusRng& rng) {
  static constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (int i = 0; i < 40; ++i) out.push_back(kBase64[rng.Below(64)]);
  // Real keys mix all three classes; make sure this one does.
  out[rng.Below(13)] = static_cast<char>('A' + rng.Below(26));
  out[13 + rng.Below(13)] = static_cast<char>('a' + rng.Below(26));
  out[26 + rng.Below(14)] = rng.Digit();
  return out;
}

constexpr std::array<std::pair<std::string_view, Slot>, 36> kSlotNames = {{
    {"CARD_FW", Slot::kCardFullWidth},
    {"SSN_FW", Slot::kSsnFullWidth},
    {"SSN_UH", Slot::kSsnUnicodeHyphen},
    {"PHONE_UH", Slot::kPhoneUnicodeHyphen},
    {"CARD_ZW", Slot::kCardZeroWidth},
    {"AWS_KEY_ID", Slot::kAwsKeyId},
    {"AWS_SECRET", Slot::kAwsSecret},
    {"EMAIL", Slot::kEmail},
    {"PHONE", Slot::kPhone},
    {"SSN", Slot::kSsn},
    {"CARD", Slot::kCard},
    {"IP", Slot::kIp},
    {"PASSPORT", Slot::kPassport},
    {"DOB", Slot::kDob},
    {"FIRST", Slot::kFirst},
    {"LAST", Slot::kLast},
    {"FULLNAME", Slot::kFullName},
    {"CITY", Slot::kCity},
    {"COMPANY", Slot::kCompany},
    {"TEAM", Slot::kTeam},
    {"PRODUCT", Slot::kProduct},
    {"WEEKDAY", Slot::kWeekday},
    {"MONTH", Slot::kMonth},
    {"NUMBER", Slot::kNumber},
    {"PERCENT", Slot::kPercent},
    {"DURATION", Slot::kDuration},
    {"PORT", Slot::kPort},
    {"ZIP", Slot::kZip},
    {"TIME", Slot::kTime},
    {"HEX", Slot::kHex},
    {"SKU", Slot::kSku},
    {"AMOUNT", Slot::kAmount},
    {"ORDER", Slot::kOrder},
    {"VERSION", Slot::kVersion},
    {"TICKET", Slot::kTicket},
    {"DATE", Slot::kDate},
}};

}  // namespace

std::optional<Slot> SlotFromName(std::string_view name) {
  for (const auto& [n, slot] : kSlotNames) {
    if (n == name) return slot;
  }
  return std::nullopt;
}

std::string_view SlotLabel(Slot slot) {
  switch (slot) {
    case Slot::kEmail:
      return "EMAIL";
    case Slot::kPhone:
      return "PHONE";
    case Slot::kSsn:
      return "SSN";
    case Slot::kCard:
      return "CREDIT_CARD";
    case Slot::kIp:
      return "IP_ADDRESS";
    case Slot::kPassport:
      return "PASSPORT";
    case Slot::kDob:
      return "DATE_OF_BIRTH";
    case Slot::kCardFullWidth:
      return "CREDIT_CARD";
    case Slot::kSsnFullWidth:
      return "SSN";
    case Slot::kSsnUnicodeHyphen:
      return "SSN";
    case Slot::kPhoneUnicodeHyphen:
      return "PHONE";
    case Slot::kCardZeroWidth:
      return "CREDIT_CARD";
    case Slot::kAwsKeyId:
      return "API_KEY";
    case Slot::kAwsSecret:
      return "AWS_SECRET_KEY";
    default:
      return "";
  }
}

char LuhnCheckDigit(std::string_view digits) {
  // Positions are counted from the right of the completed number, where the
  // check digit is position 0; so the last digit given here is doubled.
  int sum = 0;
  bool double_it = true;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string MakeSlotValue(Slot slot, CorpusRng& rng) {
  switch (slot) {
    case Slot::kEmail:
      return MakeEmail(rng);
    case Slot::kPhone:
      return MakePhone(rng);
    case Slot::kSsn:
      return MakeSsn(rng);
    case Slot::kCard:
      return MakeCard(rng);
    case Slot::kIp:
      return MakeIp(rng);
    case Slot::kPassport:
      return MakePassport(rng);
    case Slot::kDob:
      return MakeDob(rng);
    case Slot::kCardFullWidth:
      return FullWidthDigits(MakeCard(rng));
    case Slot::kSsnFullWidth: {
      const std::string d = SsnDigits(rng);
      return FullWidthDigits(d.substr(0, 3) + "-" + d.substr(3, 2) + "-" + d.substr(5));
    }
    case Slot::kSsnUnicodeHyphen:
      return MakeSsnUnicodeHyphen(rng);
    case Slot::kPhoneUnicodeHyphen:
      return MakePhoneUnicodeHyphen(rng);
    case Slot::kCardZeroWidth:
      return MakeCardZeroWidth(rng);
    case Slot::kAwsKeyId:
      return MakeAwsKeyId(rng);
    case Slot::kAwsSecret:
      return MakeAwsSecret(rng);
    case Slot::kFirst:
      return std::string(rng.Pick(kFirstNames));
    case Slot::kLast:
      return std::string(rng.Pick(kLastNames));
    case Slot::kFullName:
      return std::string(rng.Pick(kFirstNames)) + " " + std::string(rng.Pick(kLastNames));
    case Slot::kCity:
      return std::string(rng.Pick(kCities));
    case Slot::kCompany:
      return std::string(rng.Pick(kCompanies));
    case Slot::kTeam:
      return std::string(rng.Pick(kTeams));
    case Slot::kProduct:
      return std::string(rng.Pick(kProducts));
    case Slot::kWeekday:
      return std::string(rng.Pick(kWeekdays));
    case Slot::kMonth:
      return std::string(rng.Pick(kMonths));
    case Slot::kNumber:
      return std::to_string(rng.Between(2, 480));
    case Slot::kPercent:
      return MakePercent(rng);
    case Slot::kDuration:
      return MakeDuration(rng);
    case Slot::kPort:
      return std::to_string(rng.Between(1024, 65535));
    case Slot::kZip:
      return Padded(rng.Between(1001, 99950), 5);
    case Slot::kTime:
      return MakeTime(rng);
    case Slot::kHex:
      return MakeHex(rng);
    case Slot::kSku:
      return MakeSku(rng);
    case Slot::kAmount:
      return MakeAmount(rng);
    case Slot::kOrder:
      return MakeOrderNumber(rng);
    case Slot::kVersion:
      return MakeVersion(rng);
    case Slot::kTicket:
      return MakeTicket(rng);
    case Slot::kDate:
      return MakeNonBirthDate(rng);
  }
  return "";
}

}  // namespace nethical::redact
