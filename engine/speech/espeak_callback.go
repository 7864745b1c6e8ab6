//go:build cgo && !nospeech

package speech

/*
#include <espeak-ng/speak_lib.h>
*/
import "C"

import "unsafe"

// kinoSynthCallback receives each chunk of audio espeak-ng produces. In
// synchronous mode espeak calls it on the calling thread from inside
// espeak_ng_Synthesize, while the engine lock is held, so the current job
// needs no further synchronisation. Returning 1 asks espeak to stop.
//
//export kinoSynthCallback
func kinoSynthCallback(wav *C.short, n C.int, events *C.espeak_EVENT) C.int {
	j := current
	if j == nil {
		return 1
	}
	if n > 0 && wav != nil {
		for _, s := range unsafe.Slice((*int16)(unsafe.Pointer(wav)), int(n)) {
			j.pcm = append(j.pcm, float32(s)/32768)
		}
	}
	j.chunks++
	if j.onChunk != nil {
		j.onChunk(j.chunks)
	}
	if j.ctx.Err() != nil {
		return 1
	}
	return 0
}
