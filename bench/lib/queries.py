#!/usr/bin/env python3
"""The search workload of bench/run and bench/run-search, written as three files of URL paths into DIR:
catalog.txt (the public search API), opensearch.txt (the same bool query, aggregations and sort straight to
OpenSearch's _search) and bare.txt (that raw query through the catalog's bare endpoint, /bench/bare/search).

    python3 bench/lib/queries.py DIR
"""
import json
import sys
import urllib.parse

CATALOG = """/api/v1/products?q=sneaker
/api/v1/products?q=snekaer
/api/v1/products?q=creme
/api/v1/products?q=leather+bag&sort=price_asc
/api/v1/products?category=shoes&inStock=true
/api/v1/products?q=organic&category=fashion&maxPrice=10000
/api/v1/products?q=headphones&sort=newest
/api/v1/products?attr.colour=navy&category=electronics
/api/v1/products?q=vintage&page=3&size=20
/api/v1/products?minPrice=2000&maxPrice=5000&sort=price_desc
"""


def query(text=None, flt=(), sort=None, frm=0):
    must = [{"multi_match": {"query": text, "fields": ["title^3", "title.auto", "brand.text^2", "tags", "description"],
                             "fuzziness": "AUTO", "prefix_length": 1}}] if text else []
    return {"from": frm, "size": 20, "track_total_hits": True, "query": {"bool": {"filter": list(flt), "must": must}},
            "sort": [sort or "_score", {"id": "asc"}],
            "aggs": {"category": {"terms": {"field": "categoryAncestors", "size": 50}},
                     "shop": {"terms": {"field": "shopSlug", "size": 50}},
                     "price": {"range": {"field": "price", "ranges": [
                         {"from": 0, "to": 2500}, {"from": 2500, "to": 5000}, {"from": 5000, "to": 10000},
                         {"from": 10000, "to": 25000}, {"from": 25000}]}},
                     "attributes": {"nested": {"path": "attributes"}, "aggs": {"names": {
                         "terms": {"field": "attributes.name", "size": 20},
                         "aggs": {"values": {"terms": {"field": "attributes.value", "size": 20}}}}}}}}


def term(field, value):
    return {"term": {field: value}}


def queries():
    return [query("sneaker"), query("snekaer"), query("creme"), query("leather bag", sort={"price": "asc"}),
            query(flt=[term("categoryAncestors", "shoes"), term("inStock", True)]),
            query("organic", flt=[term("categoryAncestors", "fashion"), {"range": {"price": {"lte": 10000}}}]),
            query("headphones", sort={"createdAt": "desc"}),
            query(flt=[term("categoryAncestors", "electronics"), {"nested": {"path": "attributes", "query": {"bool": {
                "filter": [term("attributes.name", "colour"), term("attributes.value", "navy")]}}}}]),
            query("vintage", frm=60),
            query(flt=[{"range": {"price": {"gte": 2000, "lte": 5000}}}], sort={"price": "desc"})]


def main():
    out = sys.argv[1]
    encoded = [urllib.parse.quote(json.dumps(q, separators=(",", ":"))) for q in queries()]
    open(out + "/catalog.txt", "w").write(CATALOG)
    open(out + "/opensearch.txt", "w").write(
        "".join(f"/products/_search?source_content_type=application/json&source={e}\n" for e in encoded))
    open(out + "/bare.txt", "w").write("".join(f"/bench/bare/search?source={e}\n" for e in encoded))


if __name__ == "__main__":
    main()
