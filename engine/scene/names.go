package scene

import "strings"

// First names read as people when written with a capital ("Anna waves",
// "MARTHA stirs the soup"): a woman, a man, or a person for names given
// to both. Common English and German first names; words that are also
// common nouns or verbs (Rose, Mark, Will, May) are left out.
var firstNames = func() map[string]string {
	m := map[string]string{}
	add := func(who, names string) {
		for _, n := range strings.Fields(names) {
			m[n] = who
		}
	}
	add("woman", `anna anne annie alice amelia amy andrea angela anja antje barbara beate bettina birgit
brigitte carla carmen caroline charlotte chloe christina christine claudia clara claire cora daniela
diana doris dorothea edith elena eleanor elisabeth elizabeth ella ellen elke ellie emily emma erika eva
evelyn franziska frieda gabriele gisela greta gudrun hanna hannah heike helen helena helga ines ingrid
irene isabel isabella jana jane jasmin jennifer jessica johanna julia julie karin katharina kate katie
katrin kerstin laura lea lena lisa lotte louisa louise lucy luisa lydia maja margaret maria marie marina
marion martha mary maya melanie mia michelle mila miriam monika nadine natalie nicole nina olivia petra
rachel rebecca renate rita ruth sabine sandra sara sarah silke simone sofia sophia sophie stefanie susanne
svenja tanja theresa ulrike ursula vanessa vera victoria wiebke yvonne zoe mira marta elsa frida ida`)
	add("man", `aaron adam adrian alexander alfred andreas andrew anton arthur axel ben benjamin bernd bernhard
bob carl carlos charles charlie chris christian christoph daniel david dennis dieter dirk edward emil
eric erik ethan felix florian frank franz fred frederick friedrich george georg gerhard hans harald harry
heinrich heinz helmut henry herbert hugo ian jack jacob jakob james jan jens joe johannes john jonas
jonathan jose josef joseph julian jurgen juergen karl klaus konrad kurt lars leo leon liam lucas ludwig
lukas luke malte marco marcel markus martin matthias max michael moritz nathan nick nico niklas noah oliver
oscar oskar otto patrick paul peter philipp rainer ralf richard robert roland rudolf sam samuel sebastian
simon stefan steffen stephen steve sven thomas thorsten tim tobias tom torsten ulrich uwe victor walter
werner wilhelm william wolfgang harold edgar henrik jonah`)
	add("person", `alex kim sascha kai toni`)
	return m
}()
