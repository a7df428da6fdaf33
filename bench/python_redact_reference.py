#!/usr/bin/env python3
"""Times the original Nethical's PII handling with Python `re`, exactly as
docs/original.md describes it, over texts given one per line.

  python_redact_reference.py --texts FILE [--passes N]

FILE holds the clean texts, a line "---", then the PII texts (redact_bench
writes it). Prints one JSON object with CPU ns per text (median over
passes):
  detect_all:        §4 PIIDetector.detect_all + risk score (the original's
                     per-action path)
  pipeline_standard: §8.2 EnhancedRedactionPipeline.redact under the STANDARD
                     policy, full markers ([REDACTED_TYPE]), audit disabled
                     (its per-call file append would only slow Python down)
each for "clean" and "pii". redact_bench divides these by its own figures on
the same texts to report the speed-up.
"""
import argparse
import json
import re
import statistics
import time
from dataclasses import dataclass

# --- §4 nethical/utils/pii.py -------------------------------------------------

DETECTOR_PATTERNS = {
    "email": [re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}\b", re.IGNORECASE)],
    "phone": [
        re.compile(r"\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}"),
        re.compile(r"\+\d{1,3}[-.\s]?\d{3}[-.\s]?\d{3}[-.\s]?\d{4}"),
        re.compile(r"\d{3}[-.\s]\d{4}"),
    ],
    "ssn": [re.compile(r"\b\d{3}-\d{2}-\d{4}\b"), re.compile(r"\b\d{9}\b")],
    "credit_card": [
        re.compile(r"\b\d{4}[-\s]?\d{4}[-\s]?\d{4}[-\s]?\d{4}\b"),
        re.compile(r"\b\d{13,19}\b"),
    ],
    "ip_address": [
        re.compile(
            r"\b(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}"
            r"(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\b"
        )
    ],
    "date_of_birth": [
        re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b"),
        re.compile(r"\b\d{4}[/-]\d{1,2}[/-]\d{1,2}\b"),
    ],
}
RISK_WEIGHTS = {
    "ssn": 1.0, "credit_card": 1.0, "email": 0.5, "phone": 0.5, "ip_address": 0.3,
    "date_of_birth": 0.7, "passport": 1.0, "drivers_license": 0.8,
}


@dataclass
class DetectedPII:
    pii_type: str
    value: str
    start: int
    end: int
    confidence: float


def detector_confidence(pii_type, value, text, start, end):
    if pii_type == "email":
        low = value.lower()
        return 0.5 if ("example.com" in low or "test.com" in low or "domain.com" in low) else 0.9
    if pii_type == "ssn":
        return 0.3 if value in ("000-00-0000", "123-45-6789") else 0.95
    if pii_type == "date_of_birth":
        ctx = text[max(0, start - 50):end + 50].lower()
        return 0.9 if ("dob" in ctx or "birth" in ctx or "born" in ctx) else 0.6
    if pii_type == "phone":
        return 0.85
    return 0.9 if pii_type == "ip_address" else 0.8


def detect_all(text):
    found = []
    for pii_type, patterns in DETECTOR_PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                value = m.group()
                if pii_type == "credit_card":
                    digits = re.sub(r"\D", "", value)
                    if not (13 <= len(digits) <= 19 and len(set(digits)) > 2):
                        continue
                found.append(DetectedPII(pii_type, value, m.start(), m.end(),
                                         detector_confidence(pii_type, value, text, m.start(), m.end())))
    return found


def risk_score(found):
    total = sum(RISK_WEIGHTS.get(p.pii_type, 0.5) * p.confidence for p in found)
    return 1 - 1 / (1 + 0.5 * total)


# --- §8.2 nethical/core/redaction_pipeline.py ----------------------------------

PIPELINE_PATTERNS = {
    "EMAIL": r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}\b",
    "PHONE": r"\b(?:\+?1[-.\s]?)?\(?[0-9]{3}\)?[-.\s]?[0-9]{3}[-.\s]?[0-9]{4}\b",
    "SSN": r"\b\d{3}-\d{2}-\d{4}\b",
    "CREDIT_CARD": r"\b(?:\d[ -]?){13,19}\b",
    "IP_ADDRESS": r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b",
    "PASSPORT": r"\b[A-Z]{1,2}[0-9]{6,9}\b",
    "DRIVER_LICENSE": r"\b[A-Z]{1,2}[0-9]{5,8}\b",
    "DATE_OF_BIRTH": r"\b(?:0[1-9]|1[0-2])[/-](?:0[1-9]|[12][0-9]|3[01])[/-](?:19|20)\d{2}\b",
}
COMPILED = {t: re.compile(p) for t, p in PIPELINE_PATTERNS.items()}
CONTEXT_KEYWORDS = {
    "EMAIL": ["email", "contact", "address", "mail"],
    "PHONE": ["phone", "tel", "telephone", "mobile", "cell"],
    "SSN": ["ssn", "social security", "social"],
    "CREDIT_CARD": ["card", "credit", "payment", "visa", "mastercard"],
}
STANDARD = ["EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS", "PASSPORT", "DRIVER_LICENSE"]


@dataclass
class PIIMatch:
    pii_type: str
    value: str
    start: int
    end: int
    confidence: float


def luhn(digits):
    total, alt = 0, False
    for ch in reversed(digits):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


def pipeline_detect(text, types, context_window=50, min_confidence=0.85):
    matches = []
    for t in types:
        for m in COMPILED[t].finditer(text):
            start, end = m.span()
            ctx = text[max(0, start - context_window):end + context_window].lower()
            conf = 0.85 + 0.05 * sum(1 for kw in CONTEXT_KEYWORDS.get(t, []) if kw in ctx)
            if t == "CREDIT_CARD" and luhn(re.sub(r"\D", "", m.group())):
                conf += 0.10
            if t == "EMAIL" and any(p in m.group().lower() for p in ("gmail", "yahoo", "outlook", "hotmail")):
                conf += 0.05
            conf = min(conf, 1.0)
            if conf >= min_confidence:
                matches.append(PIIMatch(t, m.group(), start, end, conf))
    matches.sort(key=lambda x: x.start)
    return matches


def pipeline_redact(text):
    out, offset = text, 0
    for m in pipeline_detect(text, STANDARD):
        replacement = f"[REDACTED_{m.pii_type}]"
        s, e = m.start + offset, m.end + offset
        out = out[:s] + replacement + out[e:]
        offset += len(replacement) - (m.end - m.start)
    return out


def per_text_ns(fn, texts, passes):
    samples = []
    for _ in range(passes):
        t0 = time.process_time_ns()  # CPU time: the machine is shared
        for text in texts:
            fn(text)
        samples.append((time.process_time_ns() - t0) / len(texts))
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", required=True)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    with open(args.texts, encoding="utf-8") as f:
        lines = f.read().split("\n")
    split = lines.index("---")
    sets = {"clean": [t for t in lines[:split] if t], "pii": [t for t in lines[split + 1:] if t]}
    result = {"python": "%d.%d.%d" % __import__("sys").version_info[:3]}
    result["detect_all"] = {k: per_text_ns(lambda t: risk_score(detect_all(t)), v, args.passes)
                            for k, v in sets.items()}
    result["pipeline_standard"] = {k: per_text_ns(pipeline_redact, v, args.passes) for k, v in sets.items()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
