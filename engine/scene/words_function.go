package scene

import "strings"

// Function words: they steer how other words are read (negation, clause
// breaks, holding, possession, counts) and are never listed as used or
// ignored themselves.

var functionWords = []group{
	{en, inflNone, "~no|~not|~without|~never|~dont|~nor|~none|~neither|~no more", fs(negF)},
	{de, inflNone, "~ohne|~kein|~keine|~keinen|~keinem|~keiner|~keines|~nicht|~nie|~niemals", fs(negF)},
	{en, inflNone, "~while|~whilst|~when|~whereas|~but|~then|~because|~where|~as|~after|~before|~until|~meanwhile", fs(breakF)},
	{de, inflNone, "~waehrend|~als|~wenn|~aber|~sondern|~dann|~wobei|~weil|~wo|~nachdem|~bevor|~doch|~danach|~indem|~waehrenddessen", fs(breakF)},
	{en, inflNone, "~with", fs(holdF)},
	{de, inflNone, "~mit", fs(holdF)},
	{en, inflNone, "holding|holds|hold|carrying|carries|carry|carried|raising|raises|raise|lifting|lifts|lift|grabbing|grabs|clutching|clutches|clutch|gripping|grips|grip|cradling|cradles", fs(holdF)},
	{de, inflNone, "haelt|halten|haltend|hielt|traegt|tragen|tragend|trug|hebt|heben|hob|umklammert|packt|greift|griff", fs(holdF)},
	{en, inflNone, "~his|~her|~their|~its", fs(possF)},
	{de, inflNone, "~sein|~seine|~seinem|~seinen|~seiner|~seines|~ihr|~ihre|~ihrem|~ihren|~ihrer|~ihres", fs(possF)},
	{en, inflNone, "~he", fs(pron("man"))},
	{en, inflNone, "~she", fs(pron("woman"))},
	{en, inflNone, "~they", fs(pron(""))},
	{de, inflNone, "~er", fs(pron("man"))},
	{de, inflNone, "~sie", fs(pron(""))},

	{en, inflNone, "~one|~a single", fs(count(1))},
	{en, inflNone, "~two|~both|~a pair of|~pair of", fs(count(2))},
	{en, inflNone, "~three|~a few|~few|~several", fs(count(3))},
	{en, inflNone, "~four", fs(count(4))},
	{en, inflNone, "~five", fs(count(5))},
	{en, inflNone, "~six|~many|~lots of|~a lot of|~plenty of|~numerous", fs(count(6))},
	{en, inflNone, "~seven", fs(count(7))},
	{en, inflNone, "~eight", fs(count(8))},
	{en, inflNone, "~nine", fs(count(9))},
	{en, inflNone, "~ten", fs(count(10))},
	{en, inflNone, "~eleven", fs(count(11))},
	{en, inflNone, "~twelve|~a dozen|~dozens of|~dozens", fs(count(12))},
	{en, inflNone, "~hundreds of|~hundreds|~thousands of|~thousands", fs(count(MaxCount))},
	{de, inflNone, "~zwei|~beide|~beiden", fs(count(2))},
	{de, inflNone, "~drei|~einige|~mehrere|~wenige", fs(count(3))},
	{de, inflNone, "~vier", fs(count(4))},
	{de, inflNone, "~fuenf", fs(count(5))},
	{de, inflNone, "~sechs|~viele|~vielen|~zahlreiche|~jede menge|~eine menge", fs(count(6))},
	{de, inflNone, "~sieben", fs(count(7))},
	{de, inflNone, "~acht", fs(count(8))},
	{de, inflNone, "~neun", fs(count(9))},
	{de, inflNone, "~zehn", fs(count(10))},
	{de, inflNone, "~!elf", fs(count(11))},
	{de, inflNone, "~zwoelf|~dutzend|~dutzende|~ein dutzend", fs(count(12))},
	{de, inflNone, "~hunderte|~tausende", fs(count(MaxCount))},
}

// Stop words: function words without a role. They count towards language
// detection and are never listed as ignored.
const stopEN = `a an the and or of on in at to from by for into onto over under above below near next beside behind
between through across along around about against among during since is are was were be been being am has have had
having do does did doing will would can could should may might must shall we us our ours you your yours him them it
this that these those there here what which who whom whose why how all any each every more most other another such
only own same so too very really just also even yet still again once now ever almost maybe perhaps quite rather
somewhat slightly s t m d ll ve re doesnt isnt arent cant wont didnt lets theres thats whats
like some up down out off away back toward towards shot
scene camera frame view video clip image picture footage together everyone everybody everything
something i me my mine myself he she they his her their its no not without while with one two three`

const stopDE = `der die das den dem des ein eine einen einem einer eines und oder aber doch denn am an auf aus bei beim bis
durch fuer gegen hinter im in ins neben nach seit ueber um unter vom von vor waehrend wegen zu zum zur zwischen als
wie wo wenn dass ob weil da dort hier dann so sehr auch also noch nur schon ganz etwas nichts alles alle allem allen
jeder jede jedes jeden ist sind war waren bin bist seid wird werden wurde wurden hat haben hatte hatten habe kann
koennen soll sollen muss muessen will wollen darf es ihn ihm wir uns unser unsere euch man sich dieser diese dieses
diesem diesen jener welche welcher welches gerade immer wieder zusammen einander gibt gegenueber entlang herum
hinein heraus mal einfach eigentlich szene kamera aufnahme einstellung bild video clip selbst ich mich
mir mein meine meinem meinen meiner meines du dich dir dein er sie ihr ihre ihrem ihren ihrer sein seine seinem
seinen seiner mit ohne kein keine nicht zwei drei`

// ownStop are stop words of one language that are content words in the
// other: "hat" in "the man with the hat" is a hat, not German "hat".
var ownStop = map[string]bool{"hat": true, "war": true, "die": true, "bin": true, "den": true, "most": true}

// isStop reports whether norm is a stop word in a prompt of language l.
func isStop(norm string, l lang) bool {
	m := stopMask[norm]
	return m&(1<<l) != 0 || m != 0 && !ownStop[norm]
}

// stopMask maps a stop word to the languages it belongs to (1 << en, 1 << de).
var stopMask = buildStops()

func buildStops() map[string]uint8 {
	m := map[string]uint8{}
	for _, w := range strings.Fields(stopEN) {
		m[w] |= 1 << en
	}
	for _, w := range strings.Fields(stopDE) {
		m[w] |= 1 << de
	}
	return m
}
