import json,sys,collections
d=json.load(open(sys.argv[1]))
agg=collections.Counter(); tot=collections.Counter()
for e in d["recording"]["events"]:
    v=e["values"]; w=v.get("weight",0)
    frames=(v.get("stackTrace") or {}).get("frames",[])
    names=[f["method"]["type"]["name"].split(".")[-1]+"."+f["method"]["name"] for f in frames]
    full=[f["method"]["type"]["name"] for f in frames]
    var="stream" if any("eventsyncStream" in n for n in names) else "loop" if any("handWrittenPagingLoop" in n for n in names) else "other"
    top=[n for n,fn in zip(names,full) if not fn.startswith(("java.","jdk.","sun.","kotlin."))][:2]
    cls=v.get("objectClass",{}).get("name","?").split("/")[-1]
    agg[(var,cls," < ".join(top))]+=w; tot[var]+=w
print({k:round(x/1e6) for k,x in tot.items()}, "MB sampled-weight")
for (var,c,k),w in agg.most_common(40):
    if var=="other": continue
    print(f"{var:6s} {w*100/tot[var]:5.1f}% {c:28s} {k}")
