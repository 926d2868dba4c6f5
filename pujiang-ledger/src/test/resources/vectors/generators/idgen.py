# Independent derivation of the id-numbers.json check characters (GB 11643-1999, ISO 7064 MOD 11-2); prints S and S mod 11.
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def s(p): return sum(int(a)*w for a,w in zip(p[:17],W))
def c(p): return '10X98765432'[s(p)%11]
found={}
for seq in range(0,1000):
    p='31011519900101%03d'%seq
    ch=c(p)
    if ch not in found: found[ch]=p+ch
for ch in sorted(found): 
    n=found[ch]; print(n, s(n), s(n)%11)
for p in ['11010519491231002','11010119900307803','44052418800101001','11010120040229001','31011520081231002','11010120230230001','01010519491231002','31011520270101001']:
    print(p+c(p), s(p), s(p)%11)
