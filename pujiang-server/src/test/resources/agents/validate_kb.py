"""Checks the digital-human knowledge bases and the evaluation set (issue #7): shapes, unique ids, coverage,
and that no evaluation question repeats a stored phrasing. Run: python3 validate_kb.py"""
import json, os, re, unicodedata, collections
R=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../..')) + '/'
kb=json.load(open(R+'main/resources/demo/agents/service-hall-kb.json'))
gk=json.load(open(R+'main/resources/demo/agents/exhibition-guide-kb.json'))
ev=json.load(open(R+'test/resources/agents/service-hall-eval.json'))['questions']
def norm(s): return re.sub(r'[\W_]+','',unicodedata.normalize('NFKC',s).lower())
ok=True
def chk(c,m):
    global ok
    if not c: ok=False; print('FAIL',m)
cjk=re.compile(r'[\u4e00-\u9fff]')
for name,k in (('service',kb),('guide',gk)):
    ids=[x['id'] for x in k['entries']]
    chk(len(ids)==len(set(ids)),name+' dup ids')
    for x in k['entries']:
        q=x['questions']; chk(8<=len(q)<=14, x['id']+' nq'); chk(cjk.search(q[0]), x['id']+' zh first'); chk(any(not cjk.search(s) for s in q), x['id']+' en')
        chk(x['gesture'] in ('greet','point','explain','nod','shrug'), x['id']+' gesture'); chk(set(x['answer'])=={'zh-CN','en'}, x['id']+' answer')
        chk(x['link'] is None or x['link'].startswith('/api/'), x['id']+' link')
    chk(all(h in ids for h in k['hotQuestions']), name+' hot')
    allq=[norm(q) for x in k['entries'] for q in x['questions']]
    d=[q for q,c in collections.Counter(allq).items() if c>1]; chk(not d, name+' duplicate phrasings across entries %s'%d)
ids={x['id'] for x in kb['entries']}
stored={norm(q) for x in kb['entries'] for q in x['questions']}
cnt=collections.Counter(); langs=collections.Counter(); nulls=0; seen=set()
for q in ev:
    chk(q['expected'] is None or q['expected'] in ids, 'unknown id '+str(q))
    chk(norm(q['q']) not in stored, 'copies stored: '+q['q'])
    chk(norm(q['q']) not in seen, 'dup eval: '+q['q']); seen.add(norm(q['q']))
    chk(q['lang'] in ('zh-CN','en'),'lang')
    langs[q['lang']]+=1
    if q['expected'] is None: nulls+=1
    else: cnt[q['expected']]+=1
for i in ids: chk(cnt[i]>=2, 'few evals '+i)
mixed=sum(1 for q in ev if cjk.search(q['q']) and re.search('[A-Za-z]',q['q']))
trad=sum(1 for q in ev if re.search('[遺麼執護幾積領結記帶證]',q['q']))
chk(len(kb['entries'])>=60,'entries'); chk(len(ev)-nulls>=160,'evals'); chk(len(kb['synonyms'])>=5,'syn'); chk(5<=len(gk['tour'])<=7,'tour')
print('service entries',len(kb['entries']),'phrasings',sum(len(x['questions']) for x in kb['entries']),'synonym groups',len(kb['synonyms']),'hot',len(kb['hotQuestions']))
print('guide entries',len(gk['entries']),'tour',len(gk['tour']))
print('eval total',len(ev),'answerable',len(ev)-nulls,'null',nulls,'langs',dict(langs),'mixed-script',mixed,'traditional',trad,'min per entry',min(cnt[i] for i in ids))
print('OK' if ok else 'FAILED')
