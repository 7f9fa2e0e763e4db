#!/usr/bin/python3
"""Independent reading of monaco.osm.pbf with pyosmium (libosmium), for tests/unit/road-pbf.test.ts.

Writes tests/fixtures/road/monaco_osmium.json: the number of ways with a highway tag, the total number of
their node references, per-class way counts, the traffic-signal nodes on them, and every 100th highway way with its tags and node
coordinates. Regenerate: apt-get install -y python3-pyosmium && /usr/bin/python3 bench/osmium-fixture.py
"""
import json
import os
import osmium

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
PBF = os.path.join(ROOT, 'data/networks/monaco.osm.pbf')
OUT = os.path.join(ROOT, 'tests/fixtures/road/monaco_osmium.json')


class Roads(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.ways = []
        self.signals = set()

    def node(self, n):
        if n.tags.get('highway') == 'traffic_signals':
            self.signals.add(n.id)

    def way(self, w):
        if 'highway' in w.tags:
            self.ways.append({
                'id': w.id,
                'tags': {t.k: t.v for t in w.tags},
                'nodes': [[n.ref, n.lon, n.lat] if n.location.valid() else [n.ref, None, None] for n in w.nodes],
            })


h = Roads()
h.apply_file(PBF, locations=True)
classes = {}
for w in h.ways:
    classes[w['tags']['highway']] = classes.get(w['tags']['highway'], 0) + 1
out = {
    'source': 'pyosmium (libosmium) on data/networks/monaco.osm.pbf',
    'highwayWays': len(h.ways),
    'highwayNodeRefs': sum(len(w['nodes']) for w in h.ways),
    'missingLocations': sum(1 for w in h.ways for n in w['nodes'] if n[1] is None),
    'classes': dict(sorted(classes.items())),
    'trafficSignalsOnHighways': sorted({n[0] for w in h.ways for n in w['nodes']} & h.signals),
    'sample': h.ways[::100],
}
with open(OUT, 'w') as f:
    json.dump(out, f, indent=1)
print('wrote', OUT, out['highwayWays'], 'highway ways,', out['highwayNodeRefs'], 'refs,', out['missingLocations'], 'missing')
