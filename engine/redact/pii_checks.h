// Structural checks that turn a regex hit into a plausible value: a card
// number must pass Luhn and belong to a known issuer range, an SSN must have a
// valid area/group/serial, an IPv4 address must have octets <= 255, and so
// on. Every function is pure and takes the matched bytes; the context-aware
// ones also take the whole text and the span, to reject hits that are part
// of a longer token (a version string 1.2.3.4.5, a phone inside a longer
// digit chain).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace nethical::redact {

// True when a replacement marker this redactor writes ("[REDACTED_NAME]",
// "[PHONE_<hex>]") ends right before `start` or starts right at `end`, or
// holds the hit (a token's hex may be 16 decimal digits that pass Luhn), or
// the hit starts within an email utility form's kept domain, or
// a utility form's mask ("XXX-XXXX", "****-") overlaps or touches the hit.
// The value it replaced was glued to the hit, so the hit is rejected there,
// whatever the replaced value was: redacting twice changes nothing more.
bool GluedToMarker(std::string_view text, size_t start, size_t end);

// The ASCII digits of `s`, in order.
std::string DigitsOf(std::string_view s);

// Luhn (mod 10) checksum over a string of ASCII digits.
bool LuhnValid(std::string_view digits);

// True when `digits` (13-19 digits) starts with a prefix that a card network
// issues at that length: Visa, Mastercard (51-55, 2221-2720), Amex, Discover,
// Diners, JCB, UnionPay, Maestro.
bool CardIssuerValid(std::string_view digits);

// A card number as written: 13-19 digits, one kind of separator at most,
// Luhn-valid, known issuer, not after a '+' (that is a phone: "+49 151 ...").
bool CreditCardValid(std::string_view text, size_t start, size_t end);

// An SSN written AAA-GG-SSSS (or with spaces, or 9 bare digits): area not
// 000, 666 or 900-999, group not 00, serial not 0000, and not one of the
// published sample numbers (078-05-1120, 123-45-6789, 219-09-9999).
bool SsnValid(std::string_view text, size_t start, size_t end);

// Dotted quad with octets 0-255 and no leading zeros, not part of a longer
// dotted chain and not right after 'v' ("v1.2.3.4"). The version words
// around it are the pattern's veto lexicons (pii_patterns.h).
bool Ipv4Valid(std::string_view text, size_t start, size_t end);

// An IPv6 address (inet_pton) with at least three non-empty groups, not
// glued to surrounding letters, digits or colons (rejects "std::map",
// times such as 10:30:00 and MAC addresses).
bool Ipv6Valid(std::string_view text, size_t start, size_t end);

// A North American number: 10 digits (or 11 starting with 1) whose area code
// and exchange start with 2-9, not part of a longer digit chain.
bool NanpPhoneValid(std::string_view text, size_t start, size_t end);

// An international number: 8-15 digits (E.164); +1 numbers must be NANP.
bool InternationalPhoneValid(std::string_view text, size_t start, size_t end);

// A digit-run value (bare 9- or 10-digit number, 7-digit local phone) that
// is not glued to other digits by '.', '-' or ','.
bool StandaloneNumber(std::string_view text, size_t start, size_t end);

// The bare, checksum-less shapes (9 or 10 digits, a 7-digit local phone)
// are ambiguous: glued to a letter they are part of an id or a hex string
// ("34d2e9607263824e"), so a letter beside them rejects them ('_' does not).
// BareNumber = StandaloneNumber + that; BareNanpPhone = NanpPhoneValid +
// that; BareSsn = SsnValid + that.
bool BareNumber(std::string_view text, size_t start, size_t end);
bool BareNanpPhone(std::string_view text, size_t start, size_t end);
bool BareSsn(std::string_view text, size_t start, size_t end);

// Vendor-prefixed keys (AKIA..., ghp_..., xoxb-...) pass; a key with the
// generic sk-/pk-/rk- prefix must look random: upper case, lower case and
// digits all present (rejects "sk-learn-compatible-estimators").
bool ApiKeyValid(std::string_view text, size_t start, size_t end);

// 40 characters of the base64 alphabet not glued to more of it, mixing
// upper case, lower case and digits (rejects SHA-1 hex and plain words).
bool AwsSecretKeyValid(std::string_view text, size_t start, size_t end);

// An email whose local part does not start or end with '.' or hold "..".
bool EmailValid(std::string_view text, size_t start, size_t end);

// ASCII case-insensitive search for `keyword` (lower case) in `window`,
// starting at a word boundary (after a non-alphanumeric byte, so '_' counts
// as one: "user_phone"); what follows is free, so "phone" matches "phone:"
// and "phones" but not "smartphone".
bool ContainsKeyword(std::string_view window, std::string_view keyword);

// ContainsKeyword for any of `keywords` (lower case, each starting with a
// letter), in one pass over the window.
bool ContainsAnyKeyword(std::string_view window, std::span<const std::string_view> keywords);

}  // namespace nethical::redact
