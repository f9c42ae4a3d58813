#include <stdint.h>
#include <stdlib.h>
static uint64_t *buf; static uint32_t *perm; static size_t NB=1<<17; /* 1 MiB of u64 */ static size_t NP=1<<18; /* 1 MiB of u32 */
void init(void){ buf=malloc(NB*8); for(size_t i=0;i<NB;i++) buf[i]=i*0x9e3779b97f4a7c15ULL;
  perm=malloc(NP*4); for(size_t i=0;i<NP;i++) perm[i]=i; uint64_t s=88172645463325252ULL;
  for(size_t i=NP-1;i>0;i--){ s^=s<<13; s^=s>>7; s^=s<<17; size_t j=s%i; uint32_t t=perm[i]; perm[i]=perm[j]; perm[j]=t; } }
uint64_t chain(uint64_t n){ uint64_t x=0x9e3779b97f4a7c15ULL; for(uint64_t i=0;i<n;i++){ x^=x<<13; x^=x>>7; x^=x<<17;} return x; }
uint64_t wide(uint64_t n){ uint64_t a=1,b=2,c=3,d=4; for(uint64_t i=0;i<n;i++){ a=a*6364136223846793005ULL+i; b=b*2862933555777941757ULL+i; c^=c>>3^i; d+=d<<1^i;} return a^b^c^d; }
uint64_t chase(uint64_t n){ uint32_t p=0; for(uint64_t i=0;i<n;i++) p=perm[p]; return p; }
uint64_t stream(uint64_t n){ uint64_t s=0; for(uint64_t k=0;k<n;k++) for(size_t i=0;i<NB;i+=8) s+=buf[i]^k; return s; }
