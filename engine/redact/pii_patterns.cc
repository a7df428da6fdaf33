#include "engine/redact/pii_patterns.h"

#include <array>

#include "engine/redact/pii_checks.h"

namespace nethical::redact {
namespace {

using Words = std::string_view;

// Context lexicons (lower case; a keyword starts at a word start, '_' and
// digits count as separators, and what follows it is free: "call" also
// matches "calls", "called"). Broad on purpose: a keyword only raises the
// confidence of a value that already has the type's shape and passed its
// check.
constexpr Words kEmailWords[] = {"email",   "e-mail",   "mail",  "inbox", "contact", "reach",
                                 "address", "write to", "reply", "cc",    "send",    "from"};
constexpr Words kPhoneWords[] = {"phone",     "telephone",  "tel",     "call",     "callback", "ring",
                                 "dial",      "text",       "sms",     "mms",      "mobile",   "cell",
                                 "voicemail", "voice mail", "contact", "reach me", "reach us", "reach him",
                                 "reach her", "reached",    "hotline", "landline", "fax",      "whatsapp",
                                 "signal",    "telegram",   "number",  "ext"};
constexpr Words kSsnWords[] = {"ssn",      "social security", "social sec", "ss#", "ss no", "ss-no",
                               "taxpayer", "tax id",          "w-2",        "w2",  "w-4",   "1099",
                               "i-9",      "payroll"};
constexpr Words kCardWords[] = {"card",     "credit", "debit",      "payment",  "pay",
                                "paid",     "visa",   "mastercard", "amex",     "american express",
                                "discover", "cc",     "charge",     "billing",  "cvv",
                                "cvc",      "expiry", "exp",        "checkout", "purchase",
                                "refund",   "wallet", "pan"};
constexpr Words kIpWords[] = {
    "ip",   "ipv4",   "ipv6",      "address",   "host",      "server",   "client", "login",    "from",
    "peer", "remote", "gateway",   "dns",       "subnet",    "firewall", "proxy",  "upstream", "node",
    "vpn",  "ssh",    "allowlist", "whitelist", "blocklist", "src",      "dst",    "source",   "destination"};
constexpr Words kPassportWords[] = {
    "passport",    "travel document", "travel doc", "document number", "document no", "mrz",        "visa",
    "immigration", "customs",         "border",     "embassy",         "consulate",   "nationality"};
constexpr Words kLicenseWords[] = {"driver", "driving", "license", "licence", "dl", "dmv", "permit"};
constexpr Words kBirthWords[] = {"dob", "d.o.b", "birth", "born", "birthday", "birthdate"};
constexpr Words kSecretWords[] = {"secret", "aws", "akia", "asia", "credential", "access key"};
constexpr std::array<Words, 0> kNoWords = {};
// An IPv4-shaped value is a software version after one of these ("upgrade
// the service to 2.6.9.209", "kernel 6.6.19.191") or before one of the
// second ("1.2.3.4 release").
constexpr Words kVersionBefore[] = {"version", "ver ",     "ver.",      "release",  "build",     "v ",
                                    "upgrade", "update",   "downgrade", "rollback", "roll back", "bump",
                                    "kernel",  "firmware", "patch",     "hotfix",   "package",   "dependency",
                                    "library", "sdk",      "runtime",   "changelog"};
constexpr Words kVersionAfter[] = {"version", "release", "build"};

// Month names for dates written out ("March 4, 1985", "4 Mar 1985").
#define MONTH "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?"
#define MM "(?:0?[1-9]|1[0-2])"
#define DD "(?:0?[1-9]|[12][0-9]|3[01])"
#define YYYY "(?:19|20)[0-9]{2}"

constexpr PiiPattern kPatterns[] = {
    // The prefilter looks from the '@', a literal Hyperscan finds fast
    // alone (in the shared database this row tripled its cost).
    {PiiType::kEmail,
     R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)",
     EmailValid,
     0.9,
     0.95,
     kEmailWords,
     0,
     {},
     {},
     PiiPrefilterForm{.regex = R"(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)",
                      .own_database = true,
                      .required_byte = '@'}},
    // 123-45-6789; spaced and bare forms only with an "ssn" keyword nearby.
    {PiiType::kSsn, R"([0-9]{3}-[0-9]{2}-[0-9]{4})", SsnValid, 0.9, 0.97, kSsnWords},
    // The shape alone (a published sample or an unissued area), next to an
    // SSN word: what a person calls their SSN is treated as one.
    {PiiType::kSsn, R"([0-9]{3}-[0-9]{2}-[0-9]{4})", StandaloneNumber, 0.3, 0.9, kSsnWords, 0.6},
    {PiiType::kSsn, R"([0-9]{3} [0-9]{2} [0-9]{4})", SsnValid, 0.3, 0.9, kSsnWords},
    {PiiType::kSsn, R"([0-9]{9})", BareSsn, 0.2, 0.9, kSsnWords},
    {PiiType::kCreditCard, R"([0-9](?:[ -]?[0-9]){12,18})", CreditCardValid, 0.9, 0.97, kCardWords},
    // US numbers: (425) 708-3486, 425-708-3486, 425.708.3486, +1 425 708 3486.
    {PiiType::kPhone, R"((?:\+?1[-. ]?)?(?:\([0-9]{3}\)[-. ]?|[0-9]{3}[-. ])[0-9]{3}[-. ][0-9]{4})",
     NanpPhoneValid, 0.85, 0.95, kPhoneWords},
    // International E.164-style: +44 20 7946 0958, +49-30-1234567,
    // +91 98765 43210, +44 7839 361020.
    // Each group takes all its digits, so leftmost-first matching never
    // stops inside one; the check counts 8-15 digits.
    {PiiType::kPhone, R"(\+[1-9][0-9]{0,2}(?:[-. ]?\(?[0-9]+\)?){1,5})", InternationalPhoneValid, 0.85, 0.95,
     kPhoneWords},
    // The US layout alone (555-123-4567: exchange starting 0 or 1), next to
    // a phone word.
    {PiiType::kPhone, R"((?:\([0-9]{3}\) ?|[0-9]{3}[-. ])[0-9]{3}[-. ][0-9]{4})", StandaloneNumber, 0.3, 0.85,
     kPhoneWords, 0.6},
    // Unformatted 10-digit and 7-digit local numbers need a phone keyword.
    {PiiType::kPhone, R"([0-9]{10})", BareNanpPhone, 0.3, 0.85, kPhoneWords, 0.6},
    {PiiType::kPhone, R"([0-9]{3}[-.][0-9]{4})", BareNumber, 0.3, 0.8, kPhoneWords},
    {PiiType::kIpAddress, R"((?:[0-9]{1,3}\.){3}[0-9]{1,3})", Ipv4Valid, 0.85, 0.95, kIpWords, 0,
     kVersionBefore, kVersionAfter},
    {PiiType::kIpAddress, R"((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:[0-9]{1,3}\.){3}[0-9]{1,3}))",
     Ipv6Valid, 0.85, 0.95, kIpWords},
    // Letter-prefixed ids are passports, licences, SKUs or tickets alike:
    // the keyword decides, except under aggressive (recall first).
    {PiiType::kPassport, R"(\b[A-Z]{1,2}[0-9]{6,9}\b)", nullptr, 0.4, 0.9, kPassportWords, 0.6},
    {PiiType::kPassport, R"([0-9]{9})", BareNumber, 0.2, 0.9, kPassportWords},
    {PiiType::kDriverLicense, R"(\b[A-Z]{1,2}[0-9]{5,8}\b)", nullptr, 0.35, 0.9, kLicenseWords},
    {PiiType::kDateOfBirth,
     "\\b(?:" MM "[/-]" DD "[/-]" YYYY "|" DD "[./-]" MM "[./-]" YYYY "|" YYYY "-" MM "-" DD "|" MONTH " " DD
     ",? " YYYY "|" DD " " MONTH ",? " YYYY ")\\b",
     nullptr, 0.3, 0.9, kBirthWords},
    {PiiType::kApiKey,
     R"(\b(?:(?:sk|pk|rk)[-_](?:(?:proj|live|test|ant)[-_])?[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}))",
     ApiKeyValid, 0.95, 0.95, kNoWords},
    // AWS secret access key: 40 characters of the base64 alphabet, next to
    // its key id (AKIA...) or a "secret" word. Group 1 is the value.
    // The prefilter looks for the 40-character run alone.
    {PiiType::kAwsSecretKey,
     R"((?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40}))",
     AwsSecretKeyValid,
     0.3,
     0.95,
     kSecretWords,
     0.6,
     {},
     {},
     PiiPrefilterForm{.base64_run = 40}},
    {PiiType::kBearerToken, R"(\b[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{16,}=*))", nullptr, 0.95, 0.95, kNoWords},
    {PiiType::kBearerToken, R"(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})", nullptr,
     0.95, 0.95, kNoWords},
    {PiiType::kPrivateKey,
     R"(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?s:.*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$))",
     nullptr, 0.99, 0.99, kNoWords},
    {PiiType::kName,
     R"((?:(?i:\bmy name is|\bmy name's|\bi am called)[ \t]+|(?i:\bfull name|\bname)[ \t]*[:=][ \t]*)([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}))",
     nullptr, 0.85, 0.85, kNoWords},
    // "1600 Pennsylvania Avenue", "42 Elm St., Apt 4, Springfield, IL 62701".
    {PiiType::kAddress,
     R"(\b[0-9]{1,6} (?:[A-Z][a-z]+ ){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq)\b\.?(?:,? (?:Apt|Suite|Ste|Unit)\.? ?[A-Za-z0-9-]+|,? #[A-Za-z0-9-]+)?(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)*,? [A-Z]{2} [0-9]{5}(?:-[0-9]{4})?)?)",
     nullptr, 0.85, 0.85, kNoWords},
};

#undef MONTH
#undef MM
#undef DD
#undef YYYY

}  // namespace

std::span<const PiiPattern> AllPiiPatterns() { return kPatterns; }

}  // namespace nethical::redact
