#include <stdio.h>
#include <time.h>
#include <stdlib.h>
static double now(clockid_t c){struct timespec t;clock_gettime(c,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  long chunks=atol(argv[1]); volatile unsigned long x=0;
  for(long c=0;c<chunks;c++){
    double w0=now(CLOCK_MONOTONIC),c0=now(CLOCK_THREAD_CPUTIME_ID);
    for(unsigned long i=0;i<100000000UL;i++){x+=i*i^(x>>3);}
    double w1=now(CLOCK_MONOTONIC),c1=now(CLOCK_THREAD_CPUTIME_ID);
    printf("%.4f %.4f\n",w1-w0,c1-c0); fflush(stdout);
  }
}
