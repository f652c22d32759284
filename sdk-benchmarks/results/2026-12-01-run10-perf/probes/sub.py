import json,sys,collections,subprocess
f=sys.argv[1]; key=sys.argv[2]
out=subprocess.run(['jfr','print','--json','--stack-depth','64','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
ev=json.loads(out)['recording']['events']
selfc=collections.Counter(); n=0
for e in ev:
    fr=e['values']['stackTrace']['frames'] if e['values']['stackTrace'] else []
    names=[x['method']['type']['name']+'.'+x['method']['name']+':'+str(x.get('lineNumber')) for x in fr]
    idx=[i for i,x in enumerate(names) if key in x]
    if not idx: continue
    n+=1
    i=idx[0]
    selfc[' < '.join(names[max(0,i-3):i+1])]+=1
print(n)
for k,c in selfc.most_common(25): print(c,k)
