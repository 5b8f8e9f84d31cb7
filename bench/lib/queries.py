#!/usr/bin/env python3
"""The search workload of bench/run and bench/run-search: a query log of what buyers type, drawn deterministically
(fixed seed) from the demo catalogue's own vocabulary (catalog-service DemoCatalog: adjectives, colours, materials,
brands, the category tree's leaves, and the number every demo title ends with), with Zipf-distributed popularity so
the head repeats often and the tail rarely — no cache can win by remembering ten queries.

    python3 bench/lib/queries.py DIR [--lines N] [--shape current|legacy] [--probe OPENSEARCH_URL]
    python3 bench/lib/queries.py --data          # rewrites bench/data/search-queries.txt (committed; k6 reads it)
    python3 bench/lib/queries.py --stats         # what the log holds: distinct queries, shares, head and tail

Writes into DIR, line for line the same searches:
  catalog.txt     the public API, /api/v1/products?...
  opensearch.txt  what catalog sends OpenSearch for it, straight to OpenSearch (GET with ?source=): one _search, or
                  one _msearch (the page of hits and the size-0 facets request) when the search asks for facets
  bare.txt        the same through the catalog's bare endpoints (/bench/bare/search, /bench/bare/msearch)

--shape legacy writes the request catalog sent before issue #28 (one _search: facets on every page, fuzzy matching
on every field of every short query, exact totals everywhere) — for A/B runs against an older build.

--probe asks the index, once per distinct search, whether its exact match finds fewer than FUZZY_BELOW hits (catalog
then runs it again with fuzzy matching, ProductSearch.fuzzyWanted); the raw and bare lines of those searches carry the
fuzzy requests after the exact ones in one _msearch, so the yardsticks make the engine do what the service makes it
do (one round trip where the service makes two: the yardstick's latency is the lower). Without --probe the raw lines
are the service's first request only (a falling-back search costs the service a second the raw line does not make).

The log (default 20,000 lines): ~15 % browsing without words (a category, then filters); the rest words — a noun,
a category name, a colour, material, brand or adjective, two or three of them, or a title's number ("mug 4711") —
ranked by how common such a search is and drawn with Zipf (s = 1.0); 10 % of the words carry one typo (an edit past
the first letter); filters (category 15 %, price bucket 12 %, in stock 15 %, attribute 8 %, rating 4 %), sorts (20 %),
pages 2–5 (12 %) and deep offsets (page 11–250, 3 %), facets=false (10 %: list views without a filter panel).
"""
import json
import math
import random
import sys
import urllib.parse

SEED = 28
LINES = 20_000
ZIPF_S = 1.0
DATA = "bench/data/search-queries.txt"

# catalog-service/src/main/java/dev/bazaar/catalog/service/DemoCatalog.java
ADJECTIVES = ["Classic", "Organic", "Vintage", "Crème", "Urban", "Alpine", "Coastal", "Everyday", "Premium", "Handmade",
              "Nordic", "Café", "Rustic", "Modern", "Soft", "Trail"]
COLOURS = ["black", "white", "navy", "olive", "sand", "red", "grey", "blue"]
MATERIALS = ["cotton", "leather", "wool", "canvas", "steel", "bamboo", "linen"]
BRANDS = ["Acme", "Northwind", "Lumen", "Kestrel", "Marlow", "Oakridge", "Tidal", "Verde"]
# catalog-service/src/main/resources/db/migration/V2__categories.sql: leaf slug -> name (titles use the singular of
# the name's first word, tags the slug)
LEAVES = {"dresses": "Dresses", "tops": "Tops", "shirts": "Shirts", "jackets": "Jackets", "sneakers": "Sneakers",
          "boots": "Boots", "bags": "Bags", "jewelry": "Jewelry", "phone-cases": "Phone cases",
          "chargers": "Chargers & cables", "laptops": "Laptops", "computer-accessories": "Computer accessories",
          "headphones": "Headphones", "speakers": "Speakers", "cookware": "Cookware", "tableware": "Tableware",
          "candles": "Candles", "wall-art": "Wall art", "garden": "Garden", "skincare": "Skincare",
          "makeup": "Makeup", "fragrance": "Fragrance", "fitness": "Fitness", "camping": "Camping",
          "cycling": "Cycling", "board-games": "Board games", "puzzles": "Puzzles", "books": "Books"}
PARENTS = ["fashion", "shoes", "accessories", "womens-clothing", "mens-clothing", "electronics", "phones",
           "computers", "audio", "home-garden", "kitchen", "decor", "beauty", "sports", "toys"]
PRODUCTS = 10_000
# the price facet's buckets (ProductSearch.PRICE_RANGES), as a buyer picks them: min and max in cents, inclusive
PRICE_BUCKETS = [(0, 2499), (2500, 4999), (5000, 9999), (10000, 24999), (25000, None)]
SORTS = [("price_asc", 8), ("price_desc", 4), ("newest", 5), ("rating", 3)]

# --- what catalog sends (ProductSearch): keep in step with it
FIELDS = ["title^3", "title.auto", "brand.text^2", "tags", "description"]
SOURCE = ["id", "slug", "title", "brand", "price", "currency", "shopId", "shopSlug", "shopName", "categoryPath",
          "inStock", "rating", "image"]
FUZZY_BELOW = 3  # bazaar.catalog.search.fuzzy-fallback-below
FUZZY_MAX_TERMS, FUZZY_MAX_CHARS, MAX_EXPANSIONS = 4, 60, 20  # SearchBounds


def singular(name):
    first = name.split(" ")[0].replace(",", "")
    return first[:-1] if first.endswith("s") and not first.endswith("ss") else first


NOUNS = sorted({singular(n).lower() for n in LEAVES.values()})


def fold(word):
    return word.replace("è", "e").replace("é", "e")


def base_texts(rng):
    """Every text query, most common first: tiers by kind, shuffled within a tier."""
    adjectives = [a.lower() for a in ADJECTIVES] + [fold(a.lower()) for a in ADJECTIVES if fold(a) != a]
    brands = [b.lower() for b in BRANDS]
    tiers = [
        NOUNS + [n.lower() for n in LEAVES.values() if " " in n and "&" not in n] + [s for s in LEAVES if "-" not in s],
        COLOURS + MATERIALS + brands + adjectives,
        [f"{c} {n}" for c in COLOURS for n in NOUNS] + [f"{m} {n}" for m in MATERIALS for n in NOUNS],
        [f"{a} {n}" for a in adjectives for n in NOUNS] + [f"{b} {n}" for b in brands for n in NOUNS],
        [f"{a} {c} {n}" for a in adjectives for c in COLOURS for n in NOUNS]
        + [f"{c} {m} {n}" for c in COLOURS for m in MATERIALS for n in NOUNS],
        [f"{n} {i}" for n in NOUNS for i in range(0, PRODUCTS, 7)],
    ]
    out = []
    for tier in tiers:
        tier = list(dict.fromkeys(tier))
        rng.shuffle(tier)
        out += tier
    return out


class Zipf:
    def __init__(self, n, s):
        acc, self.cdf = 0.0, []
        for r in range(1, n + 1):
            acc += 1 / r ** s
            self.cdf.append(acc)
        self.total = acc

    def draw(self, rng):
        import bisect
        return bisect.bisect_left(self.cdf, rng.random() * self.total)


def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    p = rng.randrange(1, len(w))  # past the first letter (prefix_length 1)
    kind = rng.choice(["delete", "insert", "substitute", "transpose"])
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind == "delete":
        w = w[:p] + w[p + 1:]
    elif kind == "insert":
        w = w[:p] + rng.choice(letters) + w[p:]
    elif kind == "substitute":
        w = w[:p] + rng.choice(letters.replace(w[p], "")) + w[p + 1:]
    elif p < len(w) - 1 and w[p] != w[p + 1]:
        w = w[:p] + w[p + 1] + w[p] + w[p + 2:]
    else:
        w = w[:p] + w[p + 1:]
    words[i] = w
    return " ".join(words)


def weighted(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r < 0:
            return v
    return pairs[-1][0]


def draw_search(rng, texts, zipf):
    """One buyer's search as query parameters, in the order the URL carries them."""
    p = {}
    if rng.random() < 0.15:
        # browsing: a category (leaves and their parents, Zipf over a fixed order), sometimes narrowed
        p["category"] = CATEGORY_ORDER[CATEGORY_ZIPF.draw(rng)]
    else:
        text = texts[zipf.draw(rng)]
        p["q"] = typo(rng, text) if rng.random() < 0.10 else text
        if rng.random() < 0.15:
            p["category"] = rng.choice(list(LEAVES) + PARENTS[:6])
    if rng.random() < 0.12:
        lo, hi = weighted(rng, list(zip(PRICE_BUCKETS, [3, 4, 4, 2, 1])))
        p["minPrice"] = lo
        if hi is not None:
            p["maxPrice"] = hi
    if rng.random() < 0.15:
        p["inStock"] = "true"
    if rng.random() < 0.08:
        name = rng.choice(["colour", "material"])
        p["attr." + name] = rng.choice(COLOURS if name == "colour" else MATERIALS)
    if rng.random() < 0.04:
        p["minRating"] = rng.choice([4, 4, 3, 5])
    if rng.random() < 0.20:
        p["sort"] = weighted(rng, SORTS)
    r = rng.random()
    if r < 0.12:
        p["page"] = rng.randint(1, 4)
    elif r < 0.15:
        p["page"] = rng.randint(10, 249)
    if rng.random() < 0.05:
        p["size"] = 40
        if p.get("page", 0) > 124:
            p["page"] = 124
    if rng.random() < 0.10:
        p["facets"] = "false"
    return p


CATEGORY_ORDER = random.Random(SEED).sample(list(LEAVES) + PARENTS, len(LEAVES) + len(PARENTS))
CATEGORY_ZIPF = None


def log(lines=LINES, seed=SEED):
    global CATEGORY_ZIPF
    CATEGORY_ZIPF = Zipf(len(CATEGORY_ORDER), ZIPF_S)
    rng = random.Random(seed)
    texts = base_texts(rng)
    zipf = Zipf(len(texts), ZIPF_S)
    return [draw_search(rng, texts, zipf) for _ in range(lines)]


def url(p):
    return "/api/v1/products?" + urllib.parse.urlencode(p, quote_via=urllib.parse.quote_plus)


# --- the OpenSearch requests catalog makes for a search (ProductSearch.request / facetsRequest)
def term(field, value):
    return {"term": {field: value}}


def filters(p):
    f = []
    if "category" in p:
        f.append(term("categoryAncestors", p["category"]))
    if "minPrice" in p or "maxPrice" in p:
        rng = {}
        if "minPrice" in p:
            rng["gte"] = p["minPrice"]
        if "maxPrice" in p:
            rng["lte"] = p["maxPrice"]
        f.append({"range": {"price": rng}})
    if "inStock" in p:
        f.append(term("inStock", True))
    if "minRating" in p:
        f.append({"range": {"rating.averageTenths": {"gte": p["minRating"] * 10}}})
    for k, v in p.items():
        if k.startswith("attr."):
            f.append({"nested": {"path": "attributes", "query": {"bool": {"filter": [
                term("attributes.name", k[5:]), term("attributes.value", v)]}}}})
    return f


def fuzzy_ok(q):
    t = q.strip()
    return len(t) <= FUZZY_MAX_CHARS and len(t.split()) <= FUZZY_MAX_TERMS


def bool_query(p, fuzzy):
    b = {"filter": filters(p)}
    if p.get("q"):
        mm = {"query": p["q"], "fields": FIELDS}
        if fuzzy:
            mm.update({"fuzziness": "AUTO" if fuzzy_ok(p["q"]) else "0", "max_expansions": MAX_EXPANSIONS,
                       "prefix_length": 1})
        b["must"] = [{"multi_match": mm}]
    return {"bool": b}


def sort(s):
    by = {"price_asc": [{"price": "asc"}], "price_desc": [{"price": "desc"}], "newest": [{"createdAt": "desc"}],
          "rating": [{"rating.averageTenths": {"order": "desc", "missing": 0, "unmapped_type": "integer"}},
                     {"rating.count": {"order": "desc", "missing": 0, "unmapped_type": "long"}}]}.get(s, ["_score"])
    return by + [{"id": "asc"}]


def aggs():
    ranges = [dict({"key": f"{lo}-{'' if hi is None else hi}", "from": lo}, **({} if hi is None else {"to": hi}))
              for lo, hi in [(0, 2500), (2500, 5000), (5000, 10000), (10000, 25000), (25000, None)]]
    return {"category": {"terms": {"field": "categoryAncestors", "size": 50}},
            "shop": {"terms": {"field": "shopSlug", "size": 50}},
            "price": {"range": {"field": "price", "ranges": ranges}},
            "rating": {"range": {"field": "rating.averageTenths",
                                 "ranges": [{"key": str(s), "from": s * 10} for s in range(4, 0, -1)]}},
            "attributes": {"nested": {"path": "attributes"}, "aggs": {"names": {
                "terms": {"field": "attributes.name", "size": 20},
                "aggs": {"values": {"terms": {"field": "attributes.value", "size": 20}}}}}}}


def hits_request(p, first, facets, fuzzy, legacy=False):
    size, page = int(p.get("size", 20)), int(p.get("page", 0))
    r = {"from": page * size, "size": size}
    if legacy:
        r["track_total_hits"] = True
    else:
        r["track_total_hits"] = False if facets else True if first else max(FUZZY_BELOW, (page + 1) * size + 1)
    r.update({"query": bool_query(p, fuzzy), "sort": sort(p.get("sort")), "_source": SOURCE,
              "highlight": {"fields": {"title": {}}}})
    if legacy:
        r["aggs"] = aggs()
    return r


def facets_request(p, fuzzy):
    return {"size": 0, "track_total_hits": True, "query": bool_query(p, fuzzy), "aggs": aggs()}


def enc(o):
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)


def ndjson(p, fuzzy):
    """A first page with facets as catalog sends it: the page of hits and the size-0 facets request, one _msearch."""
    return (enc({}) + "\n" + enc(hits_request(p, True, True, fuzzy)) + "\n"
            + enc({"request_cache": True}) + "\n" + enc(facets_request(p, fuzzy)) + "\n")


def requests(p, shape="current", falls_back=False):
    """What catalog sends: ("search", body) or ("msearch", ndjson). With falls_back (the exact match found fewer than
    FUZZY_BELOW hits), the exact requests and then the fuzzy ones, as one _msearch: the engine does the work the
    service's two round trips do, in one (so the raw line's latency is, if anything, lower than the service's work)."""
    if shape == "legacy":
        return "search", hits_request(p, True, True, True, legacy=True)
    first = int(p.get("page", 0)) == 0
    facets = first and p.get("facets") != "false"
    if not facets:
        if not falls_back:
            return "search", hits_request(p, first, False, False)
        return "msearch", "".join(enc({}) + "\n" + enc(hits_request(p, first, False, f)) + "\n" for f in (False, True))
    return "msearch", ndjson(p, False) + (ndjson(p, True) if falls_back else "")


def fallbacks(searches, opensearch, batch=500):
    """The searches whose exact match finds fewer than FUZZY_BELOW hits, so that catalog runs them again fuzzily
    (ProductSearch.fuzzyWanted), asked of the index itself (size-0 counts, `batch` to an _msearch): their URLs."""
    import urllib.request
    todo = {}
    for p in searches:
        if p.get("q") and fuzzy_ok(p["q"]):
            todo.setdefault(url(p), p)
    urls, out = list(todo), set()
    for i in range(0, len(urls), batch):
        chunk = urls[i:i + batch]
        body = "".join(enc({}) + "\n" + enc({"size": 0, "track_total_hits": True,
                                             "query": bool_query(todo[u], False)}) + "\n" for u in chunk)
        req = urllib.request.Request(opensearch.rstrip("/") + "/products/_msearch", data=body.encode(),
                                     headers={"Content-Type": "application/x-ndjson"})
        with urllib.request.urlopen(req, timeout=120) as r:
            for u, answer in zip(chunk, json.load(r)["responses"]):
                if "error" in answer:
                    raise SystemExit(f"probing {u} failed: {answer['error']}")
                if answer["hits"]["total"]["value"] < FUZZY_BELOW:
                    out.add(u)
    return out


def write(out, lines, shape, opensearch=None):
    searches = log(lines)
    fuzzy = fallbacks(searches, opensearch) if opensearch and shape == "current" else set()
    if opensearch:
        print(f"queries: {sum(1 for p in searches if url(p) in fuzzy)} of {len(searches)} searches fall back to fuzzy "
              f"matching ({len(fuzzy)} distinct); their raw and bare lines carry the fuzzy requests too")
    cat, raw, bare = [], [], []
    for p in searches:
        cat.append(url(p))
        kind, body = requests(p, shape, url(p) in fuzzy)
        if kind == "search":
            e = urllib.parse.quote(enc(body))
            raw.append(f"/products/_search?source_content_type=application/json&source={e}")
            bare.append(f"/bench/bare/search?source={e}")
        else:
            e = urllib.parse.quote(body)
            raw.append(f"/products/_msearch?source_content_type=application/x-ndjson&source={e}")
            bare.append(f"/bench/bare/msearch?source={e}")
    for name, rows in (("catalog.txt", cat), ("opensearch.txt", raw), ("bare.txt", bare)):
        with open(f"{out}/{name}", "w") as f:
            f.write("\n".join(rows) + "\n")


def stats(lines=LINES):
    searches = log(lines)
    urls = [url(p) for p in searches]
    counts = {}
    for u in urls:
        counts[u] = counts.get(u, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    share = lambda pred: f"{100 * sum(1 for p in searches if pred(p)) / len(searches):.1f} %"
    print(f"lines {len(urls)}, distinct {len(counts)}, seen once {sum(1 for c in ranked if c == 1)}")
    print(f"top query {ranked[0]}× ({max(counts, key=counts.get)}), top 10 = "
          f"{100 * sum(ranked[:10]) / len(urls):.1f} %, top 100 = {100 * sum(ranked[:100]) / len(urls):.1f} %")
    print("with words", share(lambda p: "q" in p), "| filters", share(lambda p: any(
        k in p for k in ("category", "minPrice", "inStock", "minRating")) or any(k.startswith("attr.") for k in p)),
          "| sorted", share(lambda p: "sort" in p), "| page 2-5", share(lambda p: 1 <= p.get("page", 0) <= 4),
          "| deep", share(lambda p: p.get("page", 0) >= 10), "| facets=false", share(lambda p: "facets" in p),
          "| first page with facets", share(lambda p: p.get("page", 0) == 0 and "facets" not in p))
    print(f"catalog file {sum(len(u) + 1 for u in urls) / 1e6:.2f} MB")


def main():
    args = sys.argv[1:]
    lines = int(args[args.index("--lines") + 1]) if "--lines" in args else LINES
    if "--stats" in args:
        stats(lines)
    elif "--data" in args:
        import os
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        os.makedirs(os.path.join(root, "bench/data"), exist_ok=True)
        with open(os.path.join(root, DATA), "w") as f:
            f.write("\n".join(url(p) for p in log(lines)) + "\n")
    else:
        shape = args[args.index("--shape") + 1] if "--shape" in args else "current"
        if shape not in ("current", "legacy"):
            sys.exit("--shape is current or legacy")
        write(args[0], lines, shape, args[args.index("--probe") + 1] if "--probe" in args else None)


if __name__ == "__main__":
    main()
