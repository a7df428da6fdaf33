#include "tests/redact/pii_corpus_frames.h"

namespace nethical::redact {
namespace {

using Frame = std::string_view;

// ---------------------------------------------------------------------------
// public: requests and notes, full sentences.

constexpr Frame kPublicClean[] = {
    "Draft a short agenda for {WEEKDAY}'s planning meeting with the {TEAM} team.",
    "Summarize the attached incident review in five bullet points.",
    "Order {ORDER} shipped from the {CITY} warehouse on {DATE}.",
    "The refund request for order number {ORDER} is waiting for approval.",
    "Deploy build {VERSION} to the staging cluster after the smoke tests pass.",
    "Upgrade the ingestion service to {VERSION} and rerun the migrations.",
    "Ticket {TICKET} was escalated to the {TEAM} team at {TIME}.",
    "Close {TICKET} once the customer confirms the fix.",
    "The invoice total is {AMOUNT}, due on {DATE}.",
    "Quarterly spend on cloud storage rose {PERCENT} to {AMOUNT}.",
    "Trace {HEX} shows {DURATION} spent in the database layer.",
    "Restock {SKU}: only {NUMBER} units are left in {CITY}.",
    "The service listens on port {PORT} behind the load balancer.",
    "Translate the product description for {PRODUCT} into Spanish and German.",
    "{FULLNAME} approved the budget for the {TEAM} offsite.",
    "Ask {FIRST} whether the {PRODUCT} launch is still planned for {MONTH}.",
    "The contract renewal with {COMPANY} was signed on {DATE}.",
    "Payment batch {ORDER} failed validation; retry after {TIME}.",
    "Compare the latency of {VERSION} with the previous release over {NUMBER} runs.",
    "The shipment to ZIP code {ZIP} is delayed by {NUMBER} days.",
    "Write a haiku about autumn in {CITY}.",
    "Explain the difference between a mutex and a semaphore.",
    "List three risks of migrating {PRODUCT} to a new database.",
    "Commit {HEX} fixed the flaky test in the {TEAM} pipeline.",
    "The meeting on {DATE} moved to {TIME} in room {NUMBER}.",
    "Card reader firmware {VERSION} is rolling out to every {CITY} store.",
    "Budget line {TICKET} covers {AMOUNT} for new laptops.",
    "Please review pull request #{NUMBER} before {WEEKDAY}.",
    "Reconcile account statement {ORDER} against the ledger for {MONTH}.",
    "Recommend a beginner-friendly book on statistics.",
};

constexpr Frame kPublicEmail[] = {
    "Forward the {PRODUCT} release notes to {EMAIL} before {WEEKDAY}.",
    "{FULLNAME} asked to be reached at {EMAIL} from now on.",
    "Add {EMAIL} to the distribution list for the {TEAM} newsletter.",
    "The invoice bounced; the billing address on file is {EMAIL}.",
    "Send the onboarding checklist to the new hire, {EMAIL}.",
    "CC {EMAIL} on every reply about ticket {TICKET}.",
    "Her personal mailbox is {EMAIL}; use it only for urgent matters.",
    "Set the reply-to header to {EMAIL} for the survey campaign.",
    "Unsubscribe {EMAIL} from all marketing messages.",
    "Customer {FIRST} wrote from {EMAIL} asking about order {ORDER}.",
};

constexpr Frame kPublicPhone[] = {
    "Call {FULLNAME} back at {PHONE} after {TIME}.",
    "The courier's mobile number is {PHONE}.",
    "Update the emergency contact to {PHONE}.",
    "Text the delivery code to {PHONE} once the parcel leaves {CITY}.",
    "Our {CITY} office can be reached by phone at {PHONE}.",
    "Leave a voicemail at {PHONE} if nobody answers.",
    "{FIRST} said the best number for the callback is {PHONE}.",
    "Fax the signed form to {PHONE} by {WEEKDAY}.",
    "Customer phone: {PHONE}; preferred contact time {TIME}.",
    "Dial {PHONE} to join the bridge for ticket {TICKET}.",
};

constexpr Frame kPublicSsn[] = {
    "The applicant's SSN is {SSN}; verify it before approval.",
    "Enter social security number {SSN} in the tax form for {FULLNAME}.",
    "Payroll flagged a mismatch for SSN {SSN}.",
    "{FULLNAME}, social security no. {SSN}, requested a copy of the W-2.",
    "Mask the SSN {SSN} in every exported report.",
    "The background check was submitted with SSN {SSN} on {DATE}.",
    "Her social security number, {SSN}, appears on page two.",
    "Benefits enrollment for the employee with SSN {SSN} is incomplete.",
};

constexpr Frame kPublicCard[] = {
    "Charge {AMOUNT} to card {CARD} for the renewal.",
    "The customer paid with credit card {CARD} on {DATE}.",
    "Card number {CARD} was declined twice this morning.",
    "Refund the purchase to the card {CARD}, not to store credit.",
    "Payment details: {CARD}, expiry 08/27.",
    "Store {CARD} in the vault and keep only the token in the CRM.",
    "{FIRST} read out the debit card {CARD} during the support session.",
    "A dispute was opened for charges on {CARD} at {COMPANY}.",
    "Update the billing card to {CARD} before the next cycle.",
    "Corporate card {CARD} is assigned to {FULLNAME}.",
};

constexpr Frame kPublicIp[] = {
    "Block traffic from {IP} at the edge firewall.",
    "Repeated failed logins came from {IP} overnight.",
    "The database host moved to {IP}; update the connection string.",
    "Allow client address {IP} for the {COMPANY} integration.",
    "SSH into {IP} and collect the kernel logs.",
    "Alert: unusual download volume from {IP} at {TIME}.",
    "The VPN assigned {IP} to {FULLNAME}'s laptop.",
    "Requests from {IP} exceeded the rate limit {NUMBER} times.",
    "Point the DNS record for the staging site at {IP}.",
};

constexpr Frame kPublicPassport[] = {
    "Record passport {PASSPORT} for the visa application.",
    "{FULLNAME} travels on passport {PASSPORT}; book the flight under that name.",
    "The hotel asked for the guest's passport number: {PASSPORT}.",
    "A scan of passport {PASSPORT} is attached to the onboarding file.",
    "Check that passport no. {PASSPORT} is valid for six months after arrival.",
    "Customs flagged passport {PASSPORT} at the {CITY} border crossing.",
    "The renewal form lists the old passport as {PASSPORT}.",
    "Travel document number {PASSPORT} must match the ticket.",
};

constexpr Frame kPublicDob[] = {
    "Patient {FULLNAME}, date of birth {DOB}, arrived at {TIME}.",
    "The applicant was born {DOB} in {CITY}.",
    "DOB: {DOB}; verify it against the ID card.",
    "The policyholder's birthday is {DOB}.",
    "{FIRST} was born on {DOB} and joined the company in {MONTH}.",
    "Confirm the date of birth {DOB} before releasing the records.",
    "Age check: the customer's birth date is {DOB}.",
    "Member since 2019, born {DOB}.",
};

constexpr Frame kPublicMixed[] = {
    "Contact {FULLNAME} at {EMAIL} or {PHONE} about the delivery.",
    "New account: {EMAIL}, card {CARD}, phone {PHONE}.",
    "Verify the identity with SSN {SSN} and date of birth {DOB}.",
    "The login from {IP} used the account {EMAIL}.",
    "Traveller {FULLNAME}, passport {PASSPORT}, born {DOB}.",
    "Billing: card {CARD}; send the receipt to {EMAIL}.",
    "Employee record: SSN {SSN}, mobile {PHONE}.",
};

constexpr Frame kPublicHostile[] = {
    "The export column user_ssn_{SSN} must be masked before sharing.",
    "Payment failed for card_{CARD} during checkout.",
    "The customer typed the card number as {CARD_FW} in the web form.",
    "The SSN field held {SSN_FW} written in full-width digits.",
    "The scanned form lists SSN {SSN_UH} for the applicant.",
    "Call the warehouse at {PHONE_UH} before noon.",
    "The card {CARD_ZW} was pasted with hidden characters.",
    "Rotate the key pair {AWS_KEY_ID} / {AWS_SECRET} after the leak.",
    "The secret access key {AWS_SECRET} was committed to the repository.",
    "Revoke access key {AWS_KEY_ID} before the audit.",
};

// ---------------------------------------------------------------------------
// validation: chat, logs, form fields and JSON fragments; other wording.

constexpr Frame kValidationClean[] = {
    "hey, can you remind me what we decided about the {PRODUCT} roadmap?",
    "[{TIME}] worker-{NUMBER} finished job {HEX} in {DURATION}",
    "pls bump the dependency to {VERSION} and open a PR",
    "status: {TICKET} -> resolved by {FIRST}",
    "Receipt #{ORDER}: {NUMBER} items, total {AMOUNT}",
    "order id {ORDER} / tracking pending / carrier notified {DATE}",
    "GET /api/v2/orders/{ORDER} returned 404 after {DURATION}",
    "release notes for {VERSION}: faster startup, fewer allocations",
    "kernel {VERSION} panicked on node {NUMBER}, rebooting",
    "{COMPANY} quote: {AMOUNT} per seat, valid until {DATE}",
    "lunch on {WEEKDAY}? {FIRST} is paying",
    "the dashboard shows a {PERCENT} error rate since {TIME}",
    "reminder: standup moved to {TIME}, room {NUMBER}",
    "{SKU} back in stock at {CITY}, {NUMBER} pcs",
    "Write a limerick about a cat who learns to code.",
    "what's the capital of australia and why isn't it sydney?",
    "rebalance partitions {NUMBER} through {NUMBER} on the {TEAM} cluster",
    "{FULLNAME} left a comment on {TICKET}: looks good to me",
    "port {PORT} is already in use, pick another",
    "diff {HEX}..{HEX} touches {NUMBER} files",
    "due date for {TICKET} slipped from {DATE} to {DATE}",
    "expense report: taxi {AMOUNT}, hotel {AMOUNT}",
    "card game night is on {WEEKDAY} at {TIME}",
    "conference call moved to {DATE}, agenda in the doc",
    "ip rotation for the proxies is scheduled for {DATE}",
    "zip {ZIP} is outside our delivery area",
    "Transaction reference {ORDER} settled on {DATE}.",
    "invoice {TICKET} dated {DATE}, amount {AMOUNT}",
    "{\"event\": \"checkout\", \"order\": \"{ORDER}\", \"items\": {NUMBER}}",
    "p99 went from {DURATION} to {DURATION} after {VERSION}",
};

constexpr Frame kValidationEmail[] = {
    "my email's {EMAIL} if that helps",
    "from: {EMAIL} | subject: quarterly numbers",
    "{\"user\": \"{FIRST}\", \"email\": \"{EMAIL}\"}",
    "ping {EMAIL} for access to the repo",
    "reply to {EMAIL} (not the noreply address)",
    "login failed for user {EMAIL} at {TIME}",
    "{FIRST} <{EMAIL}> joined the channel",
    "account owner: {EMAIL}",
    "You can write to me at {EMAIL} anytime.",
    "password reset requested for {EMAIL}",
};

constexpr Frame kValidationPhone[] = {
    "my cell is {PHONE}, text first",
    "tel. {PHONE} (office hours only)",
    "whatsapp me on {PHONE}",
    "{FIRST} - {PHONE} - prefers mornings",
    "contact number: {PHONE}",
    "if the link breaks, ring {PHONE}",
    "sms alerts go to {PHONE}",
    "Reach the night shift supervisor at {PHONE}.",
    "{\"user_id\": {NUMBER}, \"phone\": \"{PHONE}\"}",
    "missed call from {PHONE} at {TIME}",
};

constexpr Frame kValidationSsn[] = {
    "ssn {SSN}, checked against the payroll file",
    "SS# {SSN} for the W-4",
    "social sec: {SSN}",
    "{\"ssn\": \"{SSN}\", \"verified\": false}",
    "tax id (SSN) {SSN} on the 1099",
    "his social security number is {SSN}, keep it private",
    "verify SSN {SSN} with the employer",
    "I-9 form: social security {SSN}",
};

constexpr Frame kValidationCard[] = {
    "cc: {CARD} exp 11/26, cvv on the back",
    "pay with my visa {CARD}",
    "{\"card_number\": \"{CARD}\", \"currency\": \"EUR\"}",
    "amex {CARD} got charged twice",
    "use the company credit card ({CARD}) for the booking",
    "debit {CARD} on file",
    "the number on the card is {CARD}",
    "{CARD} - that's my mastercard",
    "payment method: {CARD}",
};

constexpr Frame kValidationIp[] = {
    "sshd: Failed password for root from {IP} port {PORT}",
    "client={IP} status=403 bytes={NUMBER}",
    "server {IP} is unreachable again",
    "my ip is {IP}, can you allowlist it?",
    "upstream {IP} timed out after {DURATION}",
    "{IP} - - \"GET /health HTTP/1.1\" 200",
    "host={IP} role=primary",
    "traffic spike from {IP}",
    "bind the service to {IP}",
};

constexpr Frame kValidationPassport[] = {
    "passport: {PASSPORT} (expires {DATE})",
    "my passport number is {PASSPORT}",
    "travel document {PASSPORT} issued in {CITY}",
    "{\"passport_no\": \"{PASSPORT}\"}",
    "{FULLNAME} / passport {PASSPORT} / seat {NUMBER}A",
    "lost my passport, the number was {PASSPORT}",
    "Passport ID {PASSPORT} scanned at gate {NUMBER}",
};

constexpr Frame kValidationDob[] = {
    "dob {DOB}",
    "d.o.b.: {DOB}",
    "born {DOB}, {CITY}",
    "{\"birth_date\": \"{DOB}\"}",
    "my birthday is {DOB}",
    "date of birth - {DOB}",
    "{FULLNAME} (born {DOB})",
    "Birth: {DOB}",
};

constexpr Frame kValidationMixed[] = {
    "user={FIRST} email={EMAIL} phone={PHONE}", "{\"email\": \"{EMAIL}\", \"ip\": \"{IP}\"}",
    "ssn {SSN}, born {DOB}, cell {PHONE}",      "pay with {CARD}, receipt to {EMAIL} please",
    "passport {PASSPORT}, dob {DOB}",           "login {EMAIL} from {IP} at {TIME}",
};

constexpr Frame kValidationHostile[] = {
    "{\"acct\": \"ssn{SSN}\"}",
    "txn approved cc{CARD}x",
    "card no: {CARD_FW}",
    "ssn: {SSN_FW}",
    "id chk ss# {SSN_UH}",
    "ring me {PHONE_UH} pls",
    "pan={CARD_ZW}",
    "AWS_ACCESS_KEY_ID={AWS_KEY_ID} AWS_SECRET_ACCESS_KEY={AWS_SECRET}",
    "creds leaked: {AWS_KEY_ID}:{AWS_SECRET}",
    "aws key {AWS_KEY_ID} still active",
};

}  // namespace

const CorpusFrames& PublicFrames() {
  static const CorpusFrames frames{kPublicClean, kPublicEmail,    kPublicPhone, kPublicSsn,   kPublicCard,
                                   kPublicIp,    kPublicPassport, kPublicDob,   kPublicMixed, kPublicHostile};
  return frames;
}

const CorpusFrames& ValidationFrames() {
  static const CorpusFrames frames{kValidationClean, kValidationEmail,  kValidationPhone,    kValidationSsn,
                                   kValidationCard,  kValidationIp,     kValidationPassport, kValidationDob,
                                   kValidationMixed, kValidationHostile};
  return frames;
}

}  // namespace nethical::redact
