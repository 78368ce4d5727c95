"""Synthetic article records for benchmarks when ../shared/corpus is absent: same shape and
size as real pipeline records (about 3 kB, ~60 lines), all valid."""
import base64
import os
import random

TOPICS = ["Power Apps", "AI", "Machine Learning", "Cloud", "Security", "Low Code", "Data"]
DOMAINS = ["example-news.com", "daily-tech.org", "harbour-times.com", "microsoft.com"]


def record(i: int, rng: random.Random) -> str:
    domain = rng.choice(DOMAINS)
    day = 1 + i % 28
    slug = f"story-{i}-{rng.randrange(10**6)}"
    url = f"https://www.{domain}/2021/03/{day:02d}/{slug}/"
    secured = base64.b64encode(rng.randbytes(16 * rng.randint(8, 20))).decode() + ";" + base64.b64encode(rng.randbytes(16)).decode()
    words = " ".join(rng.choice(["content", "team", "release", "update", "apps", "portal", "model", "data"]) for _ in range(40))
    topics = "\n".join(f"  - {t}" for t in rng.sample(TOPICS, 3))
    return f"""---
category: news
title: "Story {i}: {words[:60]}"
excerpt: "{words}"
publishedDateTime: 2021-03-{day:02d}T{i % 24:02d}:05:00Z
originalUrl: "{url}"
webUrl: "{url}"
type: article
quality: {rng.randint(10, 150)}
heat: {rng.randint(10, 150)}
published: true

provider:
  name: {domain.split('.')[0].title()}
  domain: {domain}
  images:
    - url: "https://cdn.example.org/assets/images/organizations/{domain}-50x50.jpg"
      width: 50
      height: 50

topics:
{topics}

images:
  - url: "https://www.{domain}/uploads/2021/03/{slug}.jpg"
    width: 1200
    height: 675
    isCached: true

secured: "{secured}"
---
"""


def generate(folder: str, count: int = 2437, seed: int = 7):
    rng = random.Random(seed)
    for i in range(count):
        day = 1 + i % 28
        target = os.path.join(folder, f"{i:05d}", "_news")
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, f"2021-03-{day:02d}-story-{i}.md"), "w", encoding="utf-8") as handle:
            handle.write(record(i, rng))
