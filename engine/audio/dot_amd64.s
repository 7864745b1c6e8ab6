#include "textflag.h"

// func dotAVX(h, x *float32, n int) float32
// Y0 holds lanes 0-7, Y1 lanes 8-15 of dotLanesGo; multiplies and adds are
// separate (no FMA) so that the result has dotLanesGo's bits.
TEXT ·dotAVX(SB), NOSPLIT, $0-28
	MOVQ h+0(FP), SI
	MOVQ x+8(FP), DI
	MOVQ n+16(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1

loop:
	VMOVUPS (SI), Y2
	VMOVUPS 32(SI), Y3
	VMULPS  (DI), Y2, Y2
	VMULPS  32(DI), Y3, Y3
	VADDPS  Y2, Y0, Y0
	VADDPS  Y3, Y1, Y1
	ADDQ    $64, SI
	ADDQ    $64, DI
	SUBQ    $16, CX
	JNZ     loop

	VADDPS       Y1, Y0, Y0 // s[k] = a[k] + a[k+8]
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0 // t[k] = s[k] + s[k+4]
	VHADDPS      X0, X0, X0 // t0+t1, t2+t3, ...
	VHADDPS      X0, X0, X0 // (t0+t1)+(t2+t3)
	VZEROUPPER
	MOVSS        X0, ret+24(FP)
	RET

// func cpuHasAVX() bool
TEXT ·cpuHasAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	MOVL CX, DX
	ANDL $0x18000000, DX // bit 27 OSXSAVE, bit 28 AVX
	CMPL DX, $0x18000000
	JNE  no
	XORL CX, CX
	XGETBV               // XCR0 in DX:AX
	ANDL $6, AX          // bit 1 SSE state, bit 2 AVX state
	CMPL AX, $6
	JNE  no
	MOVB $1, ret+0(FP)
	RET

no:
	MOVB $0, ret+0(FP)
	RET
