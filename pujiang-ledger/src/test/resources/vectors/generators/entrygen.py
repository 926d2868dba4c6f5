# Regenerates ../entries.json: canonical entry bytes by Python json.dumps(sort_keys, compact, ensure_ascii=False).
import os
import json
A='3f2b8c4e-9d1a-4b7e-8f60-2c5d9e0a1b34'
C='7a9e1c3d-5b2f-4e8a-9c1d-0f6b3a8e2d57'
R='c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f'
H='sha256:'+'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
H2='sha256:'+'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
def canon(d): return json.dumps(d, sort_keys=True, separators=(',',':'), ensure_ascii=False)
valid=[]
def add(desc, fields):
    valid.append({"desc":desc, "text":canon(fields), "fields":fields})
add("register with a Chinese title (3-byte UTF-8), a middle dot (2 bytes) and a dragon emoji (4 bytes, a surrogate pair in UTF-16)",
    {"v":1,"kind":"register","at":1764000000000,"asset":A,"contentHash":H,"format":"glb","size":1048576,
     "title":"浦江夜景 · 龙🐉","creator":C,"licence":"CC BY-NC 4.0 署名-非商业性使用","editions":100})
add("register whose title needs every escape: quote, backslash, the five short control escapes, U+0001 and U+001F as \\u00xx (lower-case hex); '/', DEL (U+007F) and U+2028 stay literal",
    {"v":1,"kind":"register","at":0,"asset":R,"contentHash":H2,"format":"png","size":1,
     "title":"say \"hi\" \\ a/b\nline\u0001\b\f\r\t\u001f\u007f\u2028end","creator":C,"licence":"","editions":1})
add("mint of all 100 editions to the creator",
    {"v":1,"kind":"mint","at":1764000000001,"asset":A,"first":1,"count":100,"to":C})
add("transfer of edition 7 whose previous event is log entry 1",
    {"v":1,"kind":"transfer","at":1779552000001,"asset":A,"edition":7,"from":C,"to":R,"prev":1})
add("burn of edition 7 by its new holder, previous event log entry 2",
    {"v":1,"kind":"burn","at":1779552000002,"asset":A,"edition":7,"from":R,"prev":2})
add("largest edition and a large log index",
    {"v":1,"kind":"transfer","at":9007199254740991,"asset":A,"edition":100000,"from":C,"to":R,"prev":4294967296})

reg=valid[0]["text"]; mint=valid[2]["text"]; tr=valid[3]["text"]
def rep(s, old, new, count=1):
    assert old in s, (old, s)
    return s.replace(old, new, count)
inv=[]
def bad(desc, text, msg): inv.append({"desc":desc, "text":text, "messageContains":msg})
def badhex(desc, b, msg): inv.append({"desc":desc, "hex":b.hex(), "messageContains":msg})
bad("a space after the opening brace", rep(mint,'{','{ '), "not canonical")
bad("a space after a colon", rep(mint,'"count":','"count": '), "not canonical")
bad("a trailing newline", mint+"\n", "not canonical")
bad("pretty-printed", json.dumps(json.loads(mint), sort_keys=True, indent=2, ensure_ascii=False), "not canonical")
bad("keys reordered (at before asset)", '{"at":1764000000001,"asset":"%s",'%A + mint[len('{"asset":"%s","at":1764000000001,'%A):], "not canonical")
bad("keys in insertion order", json.dumps({"v":1,"kind":"mint","at":1764000000001,"asset":A,"first":1,"count":100,"to":C}, separators=(',',':')), "not canonical")
bad("duplicate key 'at'", rep(mint,'"count":100,','"at":1764000000001,"count":100,'), "duplicate key 'at'")
bad("duplicate key 'to' with another value", rep(mint,'}',',"to":"%s"}'%R), "duplicate key 'to'")
bad("unknown key 'price' (no sale on this ledger)", rep(tr,'"prev":1,','"prev":1,"price":100,'), "unknown key 'price'")
bad("unknown key 'price' as a string", rep(reg,'"size"','"price":"9.90","size"'), "unknown key 'price'")
bad("a key of another kind ('prev' in a mint)", rep(mint,'"to"','"prev":0,"to"'), "unknown key 'prev'")
bad("a float", rep(reg,'"size":1048576','"size":1048576.0'), "'size' is a float")
bad("an exponent is a float too", rep(reg,'"size":1048576','"size":1e6'), "'size' is a float")
bad("a null", rep(reg,'"licence":"CC BY-NC 4.0 署名-非商业性使用"','"licence":null'), "'licence' is null")
bad("a string where an integer belongs", rep(reg,'"editions":100','"editions":"100"'), "'editions' must be an integer, got a string")
bad("an integer where a string belongs", rep(reg,'"format":"glb"','"format":1'), "'format' must be a string, got an integer")
bad("a boolean", rep(mint,'"count":100','"count":true'), "'count' must be an integer, got a boolean")
bad("an object", rep(mint,'"count":100','"count":{"n":100}'), "'count' must be an integer, got an object")
bad("an array", rep(mint,'"count":100','"count":[100]'), "'count' must be an integer, got an array")
bad("an upper-case UUID", rep(mint,A,A.upper()), "'asset' must be a lower-case UUID")
bad("a UUID without dashes", rep(mint,C,C.replace('-','')), "'to' must be a lower-case UUID")
bad("unknown kind", rep(mint,'"kind":"mint"','"kind":"sale"'), "unknown kind")
bad("version 2", rep(mint,'"v":1','"v":2'), "unknown version")
bad("version as a string", rep(mint,'"v":1','"v":"1"'), "'v' must be an integer")
bad("no version", rep(mint,',"v":1',''), "missing key 'v'")
bad("no licence", rep(reg,'"licence":"CC BY-NC 4.0 署名-非商业性使用",',''), "missing key 'licence'")
bad("unknown format", rep(reg,'"format":"glb"','"format":"gif"'), "unknown format")
bad("content hash in upper-case hex", rep(reg,H,H.upper().replace('SHA256','sha256')), "'contentHash'")
bad("content hash of another algorithm", rep(reg,H,H.replace('sha256','sha512')), "'contentHash'")
bad("zero editions", rep(reg,'"editions":100','"editions":0'), "'editions'")
bad("more editions than the ledger allows", rep(reg,'"editions":100','"editions":100001'), "'editions'")
bad("size zero", rep(reg,'"size":1048576','"size":0'), "'size'")
bad("negative at", rep(mint,'"at":1764000000001','"at":-1'), "'at'")
bad("an integer beyond 64 bits", rep(reg,'"size":1048576','"size":9223372036854775808'), "'size' is out of range")
bad("an edition beyond 32 bits", rep(tr,'"edition":7','"edition":4294967303'), "'edition' is out of range")
bad("a transfer to its sender", rep(tr,R,C), "'to' must differ")
bad("edition zero", rep(tr,'"edition":7','"edition":0'), "'edition'")
bad("negative prev", rep(tr,'"prev":1','"prev":-1'), "'prev'")
bad("negative zero", rep(tr,'"prev":1','"prev":-0'), "not canonical")
bad("a leading zero", rep(tr,'"prev":1','"prev":01'), "not JSON")
bad("a plus sign", rep(tr,'"prev":1','"prev":+1'), "not JSON")
bad("an escaped solidus", rep(valid[1]["text"],'a/b','a\\/b'), "not canonical")
bad("an escape that is not needed (\\u0061 for a, in a key)", rep(mint,'"kind":"mint"','"kind":"mint"').replace('"to":"','"to":"',1).replace('"asset"','"\\u0061sset"'), "not canonical")
bad("\\u000a instead of \\n", rep(valid[1]["text"],'\\nline','\\u000aline'), "not canonical")
bad("upper-case hex in \\u001F", rep(valid[1]["text"],'\\u001f','\\u001F'), "not canonical")
bad("a non-ASCII character escaped (\\u6d66 for 浦)", rep(reg,'浦','\\u6d66'), "not canonical")
bad("an unpaired surrogate escape", rep(reg,'龙','\\ud800'), "unpaired surrogate")
bad("a second object follows", mint+"{}", "something follows")
bad("not an object", "[1]", "not a JSON object")
bad("a bare string", '"mint"', "not a JSON object")
bad("cut off", mint[:-1], "not JSON")
bad("title too long", rep(reg,'浦江夜景 · 龙🐉','x'*1001), "'title'")
b=reg.encode()
badhex("empty", b"", "empty")
badhex("a UTF-8 byte order mark before the object", b"\xef\xbb\xbf"+mint.encode(), "not canonical")
badhex("invalid UTF-8 (a lone continuation byte) in the title", b.replace('浦'.encode(), b"\x80"), "not JSON")
badhex("overlong UTF-8 for '/' (C0 AF) in the title", valid[1]["text"].encode().replace(b"a/b", b"a\xc0\xafb"), "")
badhex("UTF-8 of a surrogate (ED A0 80) in the title", b.replace('浦'.encode(), b"\xed\xa0\x80"), "")
out={"source":"Pujiang ledger entries (docs/ledger.md 'Entries'): RFC 8785 (JCS) canonical JSON, UTF-8, keys sorted by UTF-16 code units, no whitespace, integers only, no nulls, minimal string escapes. Each 'text' is the exact entry bytes as UTF-8 text, produced independently with Python json.dumps(fields, sort_keys=True, separators=(',', ':'), ensure_ascii=False), which for these ASCII keys and integer values gives the JCS form (Python escapes the same characters JCS does: \" \\\\ \\b \\f \\n \\r \\t and other C0 controls as lower-case \\u00xx). Invalid cases are tampered counterparts of the valid ones, with a fragment of the message that must name the problem ('' when any EntryFormatException will do).",
     "valid":valid, "invalid":inv}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'entries.json'),'w'), ensure_ascii=False, indent=1)
print(len(valid), len(inv))
for v in valid: print(v["text"])
