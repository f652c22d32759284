import json,sys,collections,subprocess
f=sys.argv[1]; thread=sys.argv[2] if len(sys.argv)>2 else None
out=subprocess.run(['jfr','print','--json','--stack-depth','64','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
d=json.loads(out)
ev=d['recording']['events']
threads=collections.Counter(); selfc=collections.Counter(); incl=collections.Counter(); n=0
for e in ev:
    v=e['values']; t=v['sampledThread']['javaName'] if v['sampledThread'] else '?'
    threads[t]+=1
    if thread and not t.startswith(thread): continue
    fr=v['stackTrace']['frames'] if v['stackTrace'] else []
    if not fr: continue
    names0=[x['method']['type']['name']+'.'+x['method']['name'] for x in fr]
    if len(sys.argv)>5 and not any(sys.argv[5] in x for x in names0): continue
    n+=1
    names=[x['method']['type']['name']+'.'+x['method']['name'] for x in fr]
    selfc[names[0]]+=1
    for nm in set(names): incl[nm]+=1
print('threads',threads.most_common(12))
print('N',n)
print('--self'); [print(c,round(100*c/n,1),k) for k,c in selfc.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 30)]
print('--incl'); [print(c,round(100*c/n,1),k) for k,c in incl.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 80)]
