package scene

import "strings"

// Words of screenplays: the people, creatures, vehicles, things and doings
// of action lines, their colours and ages, and what people wear.

var scriptPeopleWords = []group{
	{en, inflNoun, "bartender|barista|barman|barmaid|innkeeper|landlord", fs(person("person", 1), weakSetting(SettingBar))},
	{en, inflNoun, "waitress|landlady", fs(person("woman", 1), weakSetting(SettingBar))},
	{de, inflNoun, "+wirt|+barkeeper", fs(person("person", 1), weakSetting(SettingBar))},
	{de, inflNoun, "+kellnerin|+wirtin|+bedienung", fs(person("woman", 1), weakSetting(SettingBar))},
	{en, inflNoun, "priest|pastor|vicar|monk|choir|congregation|worshippers", fs(person("person", 1), weakSetting(SettingChurch))},
	{en, inflNoun, "nun", fs(person("woman", 1), weakSetting(SettingChurch))},
	{de, inflNoun, "+priester|+pfarrer|+moench|+chor|+gemeinde", fs(person("person", 1), weakSetting(SettingChurch))},
	{de, inflNoun, "+nonne", fs(person("woman", 1), weakSetting(SettingChurch))},
	{en, inflNoun, "pupil|*pupils|schoolchild|*schoolchildren|schoolboy|schoolgirl|classmate|*classmates", fs(person("child", 1), weakSetting(SettingClassroom))},
	{de, inflNoun, "+schueler|+schuelerin|*+schuelerinnen|+schulkind|*+schulkinder|+klassenkamerad", fs(person("child", 1), weakSetting(SettingClassroom))},
	{en, inflNoun, "professor|lecturer|principal", fs(person("person", 1), weakSetting(SettingClassroom))},
	{en, inflNoun, "patient|surgeon|paramedic|medic|orderly", fs(person("person", 1), weakSetting(SettingHospital))},
	{en, inflNoun, "nurse", fs(person("woman", 1), weakSetting(SettingHospital))},
	{de, inflNoun, "+patientin|+chirurg|+chirurgin|+sanitaeter|+pfleger|+krankenpfleger", fs(person("person", 1), weakSetting(SettingHospital))},
	{de, inflNoun, "+krankenschwester|+schwester", fs(person("woman", 1), weakSetting(SettingHospital))},
	{en, inflNoun, "farmer|shepherd|farmhand|milkman|ploughman", fs(person("man", 1), weakSetting(SettingFarm))},
	{de, inflNoun, "+bauer|+schaefer|+knecht|+landwirt", fs(person("man", 1), weakSetting(SettingFarm))},
	{de, inflNoun, "+baeuerin|+schaeferin|+magd|+landwirtin", fs(person("woman", 1), weakSetting(SettingFarm))},
	{en, inflNoun, "worker|*workers|welder|labourer|laborer|builder|mechanic|dockworker|*dockworkers|docker|longshoreman", fs(person("person", 1), weakSetting(SettingWarehouse))},
	{de, inflNoun, "+arbeiter|*+arbeitern|+arbeiterin|+schweisser|+bauarbeiter|+mechaniker|+hafenarbeiter|*+hafenarbeitern", fs(person("person", 1), weakSetting(SettingWarehouse))},
	{en, inflNoun, "passenger|*passengers|commuter|*commuters|conductor|porter|*porters", fs(person("person", 1), weakSetting(SettingTrain))},
	{de, inflNoun, "+fahrgast|*+fahrgaeste|+passagier|*+passagiere|+pendler|+schaffner|+gepaecktraeger", fs(person("person", 1), weakSetting(SettingTrain))},
	{en, inflNoun, "pilot|flight attendant|stewardess|steward|air hostess|*travellers", fs(person("person", 1), weakSetting(SettingAirport))},
	{de, inflNoun, "+pilotin|+flugbegleiter|+flugbegleiterin|+reisende|*+reisenden", fs(person("person", 1), weakSetting(SettingAirport))},
	{en, inflNoun, "fisherman|*fishermen|sailor|*sailors|captain|skipper|deckhand|smuggler|boatman|ferryman", fs(person("man", 1), weakSetting(SettingHarbour))},
	{de, inflNoun, "+fischer|+seemann|*+seeleute|+matrose|+kapitaen|+schmuggler|+faehrmann", fs(person("man", 1), weakSetting(SettingHarbour))},
	{en, inflNoun, "lighthouse keeper", fs(person("man", 1), setting(SettingCoast))},
	{en, inflNoun, "*knights|guard|*guards|sentry|squire|jester|lord|duke", fs(person("man", 1), weakSetting(SettingCastle))},
	{de, inflNoun, "+wache|*+wachen|+waechter|+knappe|+narr|+herzog", fs(person("man", 1), weakSetting(SettingCastle))},
	{en, inflNoun, "driver|cabbie|cab driver|taxi driver|chauffeur|motorist|trucker|truck driver", fs(person("person", 1), weakSetting(SettingRoad))},
	{de, inflNoun, "+fahrer|+fahrerin|+taxifahrer|+lkw fahrer|+autofahrer", fs(person("person", 1), weakSetting(SettingRoad))},
	{en, inflNoun, "hitchhiker|cyclist|biker|motorcyclist", fs(person("person", 1), weakSetting(SettingRoad))},
	{de, inflNoun, "+anhalter|+radfahrer|+radfahrerin|+motorradfahrer", fs(person("person", 1), weakSetting(SettingRoad))},
	{en, inflNoun, "detective|*detectives|cop|*cops|officer|policeman|policewoman|inspector|sheriff|agent|spy|gangster|*gangsters|thief|burglar|robber|prisoner|inmate|convict|lawyer|judge|jury|juror|witness|suspect|criminal|killer|assassin|bodyguard|security guard|*security guards", fs(person("person", 1))},
	{de, inflNoun, "+kommissar|+kommissarin|+polizistin|+inspektor|+agentin|+spion|+dieb|+diebin|+einbrecher|+raeuber|+haeftling|+gefangene|+gefangener|+anwalt|+anwaeltin|+richter|+richterin|*+geschworenen|+zeuge|+zeugin|+verdaechtige|+moerder|+wachmann|*+wachleute", fs(person("person", 1))},
	{en, inflNoun, "scientist|researcher|engineer|programmer|clerk|secretary|boss|manager|customer|shopper|vendor|*vendors|merchant|trader|seller|shopkeeper|baker|butcher|cleaner|janitor|plumber|painter|artist|photographer|journalist|reporter|writer|poet|actor|*actors|actress|performer|acrobat|magician|busker|violinist|pianist|drummer|band member|coach|trainer|athlete|player|*players|boxer|*boxers|fighter|wrestler|swimmer|hunter|ranger|forester|guide|explorer|climber|*climbers|mountaineer|firefighter|*firefighters|fireman|general|sergeant|rebel|warrior|villager|*villagers|peasant|beggar|drunk|tramp|vagrant|homeless man|neighbour|neighbor|visitor|*visitors|guest|*guests|local|*locals|crew|*crews|staff|mourner|*mourners|protester|*protesters|demonstrator|*demonstrators|spectator|*fans|teen|teenager|*teenagers|youth|adolescent|gambler|mother in law|nanny|maid|servant|butler|host|hostess|bride and groom|mailman|postman|paperboy|delivery boy|courier", fs(person("person", 1))},
	{de, inflNoun, "+wissenschaftler|+wissenschaftlerin|+forscher|+forscherin|+ingenieur|+ingenieurin|+angestellte|+sekretaerin|+chefin|+kunde|+kundin|+haendler|*+haendlern|+verkaeufer|+verkaeuferin|+baecker|+metzger|+koechin|+putzfrau|+hausmeister|+maler|+malerin|+kuenstler|+kuenstlerin|+fotograf|+journalistin|+schriftsteller|+dichter|+schauspieler|+schauspielerin|+akrobat|+zauberkuenstler|+strassenmusiker|+geiger|+geigerin|+schlagzeuger|+trainerin|+sportler|*+spielern|+kaempfer|+schwimmer|+jaeger|+foersterin|+fuehrer|+entdecker|+bergsteiger|*+feuerwehrleute|+kaempferin|+krieger|+dorfbewohner|+bettler|+betrunkene|+betrunkener|+nachbar|+nachbarin|+besucher|*+besuchern|+gast|*+gaeste|*+einheimische|+mannschaft|+besatzung|+personal|*+trauergaeste|+demonstrant|*+demonstranten|+jugendliche|*+jugendlichen|+spieler|+diener|+postbote|+bote|+kurier|+erntehelfer|*+erntehelfern", fs(person("person", 1))},
	{en, inflNoun, "grandson|granddaughter|grandchild", fs(person("child", 1))},
	{en, inflNoun, "elderly man|old lady|widow|aunt|niece|sister|sisterhood", fs(person("woman", 1))},
	{en, inflNoun, "brother|uncle|nephew|widower|grandad|granddad|monsieur|sir", fs(person("man", 1))},
	{de, inflNoun, "+bruder|+onkel|+neffe|+witwer", fs(person("man", 1))},
	{de, inflNoun, "+tante|+nichte|+witwe", fs(person("woman", 1))},
	{de, inflNoun, "+enkelin|+kleinkind|*+kleinkinder", fs(person("child", 1))},
	{en, inflNoun, "infant|newborn|schoolkid|*kids", fs(person("child", 1))},
	{en, inflNoun, "everyone|everybody|passers by|passersby|bystanders|onlooker|pedestrians", fs(person("person", 6))},
	{de, inflNoun, "alle|+passanten|+schaulustige|*+schaulustigen", fs(person("person", 6))},
	{en, inflNoun, "herd of people|mob|army|troops|platoon|squad|gang|orchestra", fs(person("person", 6))},
	{de, inflNoun, "+armee|+truppe|*+truppen|+trupp|+bande|+orchester", fs(person("person", 6))},
}

// creatures lists animals by their English name and the forms that name
// them: English forms, then "/", then German forms (see lexicon.go).
var creatures = []struct{ name, forms string }{
	{"bird", "parrot|toucan|kingfisher|swallow|sparrow|pigeon|dove|crow|raven|owl|eagle|hawk|falcon|vulture|robin|finch|songbird|blackbird/+papagei|*+papageien|+eisvogel|+schwalbe|+spatz|+taube|*+tauben|+kraehe|*+kraehen|+rabe|+eule|+adler|+habicht|+falke|+geier|+amsel|+fink"},
	{"duck", "heron|stork|pelican|flamingo|rooster|hen|chicken|goose|swan|peacock/+reiher|+storch|+pelikan|+hahn|+henne|+huhn|*+huehner|+gans|+schwan|+pfau"},
	{"wolf", "wolf|*wolves|coyote|jackal|hyena/*+woelfe|+kojote|+hyaene"},
	{"fox", "fox/+fuchs|*+fuechse"},
	{"lion", "lion|tiger|leopard|panther|puma|cougar|lynx/+loewe|+luchs"},
	{"rat", "rat|*rats|mouse|*mice|squirrel|hamster|hedgehog|beaver|otter|badger/+ratte|*+ratten|+maus|*+maeuse|+eichhoernchen|+igel|+biber|+dachs"},
	{"lizard", "lizard|frog|*frogs|toad|snake|turtle|tortoise|alligator|crocodile/+eidechse|+frosch|*+froesche|+kroete|+schlange|+schildkroete|+krokodil"},
	{"pig", "pig|boar|hog/+schwein|*+schweine|+wildschwein|+eber"},
	{"goat", "goat|ram/+ziege|*+ziegen|+bock|+widder"},
	{"donkey", "donkey|mule|camel|llama|alpaca/+esel|+maultier|+kamel|+lama"},
	{"cow", "ox|bull|calf|buffalo|bison|moose|elk|reindeer|stag/+ochse|+stier|+kalb|+rind|*+rinder|+bueffel|+elch|+rentier"},
	{"elephant", "elephant|rhino|hippo|giraffe|zebra|gorilla|monkey|ape|chimpanzee|kangaroo/+elefant|+nashorn|+nilpferd|+affe|*+affen|+kaenguru"},
	{"butterfly", "moth|*moths|bee|*bees|wasp|mosquito|dragonfly|firefly|*fireflies|ladybird|ladybug|insect|*insects|beetle|cricket/+motte|*+motten|+biene|*+bienen|+wespe|+muecke|+libelle|+gluehwuermchen|+marienkaefer|+insekt|*+insekten|+kaefer|+grille"},
	{"fish", "shark|seal|octopus|jellyfish|crab|lobster|stingray|salmon|trout|carp|goldfish/+hai|+robbe|+seehund|+krake|+qualle|+krebs|+hummer|+rochen|+lachs|+forelle|+karpfen|+goldfisch"},
	{"horse", "foal|stallion|mare|steed/+fohlen|+hengst|+stute|+ross"},
}

// scriptAnimalWords are the creatures' groups, and the words for many.
var scriptAnimalWords = func() []group {
	var out []group
	for _, c := range creatures {
		en2, de2, _ := strings.Cut(c.forms, "/")
		out = append(out, group{en, inflNoun, en2, fs(animal(c.name))}, group{de, inflNoun, de2, fs(animal(c.name))})
	}
	return append(out,
		group{en, inflNoun, "herd|flock|pack of wolves|swarm", fs(count(12))},
		group{de, inflNoun, "+herde|+schwarm|+rudel", fs(count(12))},
	)
}()

var scriptPropWords = []group{
	// Vehicles: they drive, sail and fly ("the truck speeds past").
	{en, inflNoun, "truck|lorry|van|pickup|pickup truck|pick up truck|delivery van|fire engine|fire truck|tanker truck|semi|dump truck", fs(prop("truck", 0), weakSetting(SettingRoad))},
	{de, inflNoun, "+lastwagen|lkw|+laster|+transporter|+lieferwagen|+pritschenwagen|+feuerwehrauto|+kipper", fs(prop("truck", 0), weakSetting(SettingRoad))},
	{en, inflNoun, "bus|minibus|school bus|double decker", fs(prop("bus", 0), weakSetting(SettingRoad))},
	{de, inflNoun, "+reisebus|+schulbus", fs(prop("bus", 0), weakSetting(SettingRoad))},
	{en, inflNoun, "cab|taxicab|yellow cab", fs(prop("taxi", 0), weakSetting(SettingRoad))},
	{en, inflNoun, "ambulance|police car|patrol car|squad car|cruiser", fs(prop("police car", 0), weakSetting(SettingRoad))},
	{de, inflNoun, "+krankenwagen|+rettungswagen|+polizeiwagen|+streifenwagen|+polizeiauto", fs(prop("police car", 0), weakSetting(SettingRoad))},
	{en, inflNoun, "tractor|combine harvester|harvester", fs(prop("tractor", 0), weakSetting(SettingFarm))},
	{de, inflNoun, "+traktor|+trecker|+maehdrescher", fs(prop("tractor", 0), weakSetting(SettingFarm))},
	{en, inflNoun, "motorcycle|motorbike|scooter|moped|vespa", fs(prop("motorcycle", 0), weakSetting(SettingRoad))},
	{de, inflNoun, "+motorrad|+roller|+mofa", fs(prop("motorcycle", 0), weakSetting(SettingRoad))},
	{en, inflNoun, "train|steam train|freight train|locomotive|engine car|express train", fs(prop("train", 0), weakSetting(SettingTrain))},
	{de, inflNoun, "+zug|*+zuege|+lok|+lokomotive|+dampflok|+gueterzug|+schnellzug", fs(prop("train", 0), weakSetting(SettingTrain))},
	{en, inflNoun, "plane|airplane|aeroplane|jet|airliner|jetliner|aircraft|seaplane|glider|fighter jet", fs(prop("plane", 0), weakSetting(SettingAirport))},
	{de, inflNoun, "+flugzeug|*+flugzeuge|+duesenjet|+wasserflugzeug|+segelflugzeug|+kampfjet", fs(prop("plane", 0), weakSetting(SettingAirport))},
	{en, inflNoun, "helicopter|chopper", fs(prop("helicopter", 0))},
	{de, inflNoun, "+hubschrauber|+helikopter", fs(prop("helicopter", 0))},
	{en, inflNoun, "cargo ship|container ship|freighter|tanker|ocean liner|liner|cruise ship|steamer|trawler|tugboat|tug|warship|battleship", fs(prop("ship", 0), weakSetting(SettingHarbour))},
	{de, inflNoun, "+frachter|+containerschiff|+ozeandampfer|+kreuzfahrtschiff|+schlepper|+kriegsschiff|+kutter|+fischkutter", fs(prop("ship", 0), weakSetting(SettingHarbour))},
	{en, inflNoun, "rowing boat|rowboat|dinghy|fishing boat|motorboat|gondola|raft|lifeboat|sailboats|trawlers", fs(prop("boat", 0))},
	{de, inflNoun, "+ruderboot|+schlauchboot|+fischerboot|+motorboot|+gondel|+floss|+rettungsboot|+segelboote", fs(prop("boat", 0))},

	// Standing things.
	{en, inflNoun, "crate|*crates|box|*boxes|chest|trunk|*trunks|package|parcel|carton|cardboard box|container|*containers", fs(prop("crate", 0))},
	{de, inflNoun, "+kiste|*+kisten|+kasten|+truhe|*+truhen|+paket|+karton", fs(prop("crate", 0))},
	{en, inflNoun, "barrel|*barrels|keg|drum|oil drum|trash can|*trash cans|bin|*bins|dustbin|garbage can", fs(prop("barrel", 0))},
	{de, inflNoun, "+fass|*+faesser|+tonne|*+tonnen|+muelltonne|*+muelltonnen|+eimer", fs(prop("barrel", 0))},
	{en, inflNoun, "lamp|lamppost|lamp post|street lamp|streetlight|street light|*streetlights|lantern post|light bulb|bulb", fs(prop("lamp", 0))},
	{de, inflNoun, "+lampe|+laternenpfahl|+strassenlaterne|*+strassenlaternen|+gluehbirne", fs(prop("lamp", 0))},
	{en, inflNoun, "lighthouse", fs(prop("lighthouse", 0), setting(SettingCoast))},
	{de, inflNoun, "+leuchtturm", fs(prop("lighthouse", 0), setting(SettingCoast))},
	{en, inflNoun, "crane|*cranes|tower crane", fs(prop("crane", 0))},
	{de, inflNoun, "+kran|*+kraene|+baukran", fs(prop("crane", 0))},
	{en, inflNoun, "grave|*graves|gravestone|tombstone|headstone|tomb", fs(prop("gravestone", 0), hint(Melancholy))},
	{de, inflNoun, "+grab|*+graeber|+grabstein|+kreuz", fs(prop("gravestone", 0), hint(Melancholy))},
	{en, inflNoun, "statue|monument|sculpture|column|*columns|pillar|*pillars|obelisk", fs(prop("statue", 0))},
	{de, inflNoun, "+denkmal|+skulptur|+saeule|*+saeulen", fs(prop("statue", 0))},
	{en, inflNoun, "stall|*stalls|market stall|booth|kiosk", fs(prop("stall", 0))},
	{de, inflNoun, "*+staende|+marktstand|*+marktstaende|+bude", fs(prop("stall", 0))},
	{en, inflNoun, "*desks|school desk", fs(prop("desk", 0))},
	{de, inflNoun, "+pult|*+pulten", fs(prop("desk", 0))},

	// Things people hold.
	{en, inflNoun, "cup|mug|teacup|coffee|tea|coffee cup|soup|bowl", fs(prop("cup", held))},
	{de, inflNoun, "+tasse|*+tassen|+becher|+kaffee|+tee|+suppe|+schuessel", fs(prop("cup", held))},
	{en, inflNoun, "bottle|*bottles|flask|carton of milk|milk", fs(prop("bottle", held))},
	{de, inflNoun, "+flasche|*+flaschen|+milch", fs(prop("bottle", held))},
	{en, inflNoun, "gun|pistol|revolver|rifle|shotgun|handgun|weapon|crossbow", fs(prop("gun", held), hint(Tense))},
	{de, inflNoun, "+pistole|+gewehr|+flinte|+waffe", fs(prop("gun", held), hint(Tense))},
	{en, inflNoun, "sword|spear|knife|dagger|blade", fs(prop("blade", held))},
	{de, inflNoun, "+schwert|+speer|+messer|+dolch|+klinge", fs(prop("blade", held))},
	{en, inflNoun, "newspaper|paper|letter|*letters|map|photo|*photographs|*photos|picture|document|*documents|file|note|envelope|magazine|script|menu card", fs(prop("paper", held))},
	{de, inflNoun, "+zeitung|+brief|*+briefe|+karte|+landkarte|+foto|*+fotos|+bild|+dokument|*+dokumente|+akte|+zettel|+umschlag|+zeitschrift", fs(prop("paper", held))},
	{en, inflNoun, "suitcase|*suitcases|bag|handbag|briefcase|backpack|rucksack|luggage|basket|bucket|purse|sack", fs(prop("bag", held))},
	{de, inflNoun, "+koffer|+tasche|+handtasche|+aktentasche|+gepaeck|+korb", fs(prop("bag", held))},
	{en, inflNoun, "tool|*tools|spade|broom|rake|axe|wrench|pickaxe|hose|*hoses|fishing rod|rod|*rods|stick|cane|walking stick|pole|oar|paddle|net|*nets|fishing line|welding torch|*welding torches", fs(prop("tool", held))},
	{de, inflNoun, "+werkzeug|+schaufel|+spaten|+besen|+rechen|+axt|+saege|+schraubenschluessel|+schlauch|*+schlaeuche|+angel|+angelrute|*+ruten|+stock|+spazierstock|+stange|+ruder|+paddel|+netz|*+netze|+schweissgeraet|*+schweissgeraeten", fs(prop("tool", held))},
	{en, inflNoun, "cigarette|cigar|pipe|joint", fs(prop("cigarette", held))},
	{de, inflNoun, "+zigarette|+zigarre|+pfeife", fs(prop("cigarette", held))},
	{en, inflNoun, "tray|plate|*plates|dish|pizza|cake|pie|sandwich|bread|loaf|food|ice cream|apple|fruit|vegetables|onions|grapes", fs(prop("food", held))},
	{de, inflNoun, "+tablett|+teller|*+tellern|+kuchen|+torte|+brot|+broetchen|+eis|+apfel|+obst|+gemuese|+zwiebel|*+zwiebeln|*+trauben", fs(prop("food", held))},
	{en, inflNoun, "binoculars|telescope|radio|walkie talkie|laptop|computer|tablet|keyboard", fs(prop("device", held))},
	{de, inflNoun, "+fernglas|+teleskop|+funkgeraet|+tastatur", fs(prop("device", held))},
	{en, inflNoun, "violin|fiddle|cello|accordion|trumpet|saxophone|flute|drum kit|drums|harmonica|banjo|ukulele", fs(prop("guitar", held))},
	{de, inflNoun, "+geige|+violine|+akkordeon|+trompete|+saxophon|+floete|+schlagzeug|+mundharmonika", fs(prop("guitar", held))},
	{en, inflNoun, "teddy bear|teddy|doll|toy|*toys", fs(prop("toy", held), hint(Playful))},
	{de, inflNoun, "+teddybaer|+teddybaeren|+puppe|+spielzeug", fs(prop("toy", held), hint(Playful))},
	{en, inflNoun, "flashlight beam|torch beam|searchlight|spotlight|floodlight|*floodlights|headlight|*headlights", fs(prop("lantern", held))},
	{de, inflNoun, "+suchscheinwerfer|+scheinwerfer|+flutlicht", fs(prop("lantern", held))},
	{en, inflNoun, "flag|*flags|banner", fs(prop("flag", held))},
	{de, inflNoun, "+fahne|+flagge|+transparent|*+transparenten", fs(prop("flag", held))},
	{en, inflNoun, "rope|chain|leash", fs(prop("rope", held))},
	{de, inflNoun, "+seil|+kette|+leine", fs(prop("rope", held))},
}

// Doing words beyond walking and talking.
var scriptActionWords = []group{
	{en, inflVerb, "enter|exit|leave|arrive|approach|cross|follow|lead|step|pace|limp|stumble|stagger|shuffle|trudge|tiptoe|patrol|pass|roam|head|return|come|go|move|circle|drift|glide|sail|row|ride|drive|cycle|pedal|climb|descend|trek|weave|crawl|wade|board|disembark", fs(action(Walk))},
	{de, inflVerb, "komm|kam|kamen|betret|verlass|verliess|folg|fuehr|schreit|humpel|stolper|torkel|schlurf|patrouillier|kehr|zieh|zog|gleit|segel|reit|ritt|fahr|faehrt|fuhr|radel|kletter|steig|stieg|kriech|wat|schleich|schlaengel|tucker|rumpel|treib|kreis|naeher", fs(action(Walk))},
	{en, inflVerb, "bob|slide|skid|spin|sway|rock gently|sail past|cruise", fs(action(Walk))},
	{de, inflVerb, "schaukel|rutsch|schleuder|dreh|wieg|schwank", fs(action(Walk))},
	{en, inflVerb, "race|rush|hurry|speed|bolt|charge|gallop|escape|pursue|scurry|scramble|scatter|dart|burst|leap|jump|hop|skip|bounce|dive|swim|tear|careen", fs(action(Run))},
	{de, inflVerb, "ras|eil|hetz|stuerm|stuermt|stuerzt|jag|verfolg|galoppier|spring|sprang|huepf|huscht|husch|schwimm|schwamm|tauch|sauf|sturz", fs(action(Run))},
	{en, inflVerb, "fly|flew|flown|soar|swoop|hover|take off|takes off|flutter|flap|float", fs(action(Fly))},
	{de, inflVerb, "flieg|flog|flogen|schweb|flatter", fs(action(Fly))},
	{en, inflVerb, "yell|scream|cry|call|chant|giggle|cheer|pray|preach|lecture|explain|answer|ask|order|announce|plead|gossip|mumble|murmur|greet|introduce", fs(action(Talk))},
	{de, inflVerb, "rief|schrei|schrie|bet|predig|erklaer|antwort|frag|bestell|kuendig|gruess|murmel|stritt", fs(action(Talk))},
	{en, inflVerb, "wait|watch|stare|look|gaze|glance|peer|listen|observe|study|freeze|lean|hesitate|pause|linger|stand guard|loom|peek|glare|smile|frown|nod|shrug|blink|sigh|breathe|hide", fs(action(Stand))},
	{de, inflVerb, "wart|schau|blick|starr|guck|beobacht|lausch|hoer|lehn|zoeger|verharr|laechel|nick|seufz|versteck|wach|lauer", fs(action(Stand))},
	{en, inflVerb, "crouch|squat|perch|slump|huddle|rest|doze|nap|settle|collapse", fs(action(Sit))},
	{de, inflVerb, "kauer|knie|kniet|ruh|does|setz|sackt|brech|sank", fs(action(Sit))},
	{en, inflVerb, "lie|lay|sleep|slept|sprawl|bask|faint|fall asleep|lie in bed", fs(action(Lie))},
	{de, inflVerb, "lieg|lag|lagen|schlaf|schlaeft|schlief|sonn|schlummer", fs(action(Lie))},
	{en, inflVerb, "work|vacuum|hoover|cook|stir|chop|fry|bake|knead|pour|mix|wash|clean|scrub|wipe|polish|mop|dig|shovel|harvest|pick|plant|feed|brush|repair|fix|weld|hammer|saw|build|paint|draw|write|type|read|sew|knit|count|sort|load|unload|haul|drag|push|pull|stack|pack|unpack|serve|eat|sip|cast|search|rummage|examine|check|inspect|operate|practise|practice|juggle|tinker|sharpen|chop wood|hang|fold|iron|tidy|bathe|pet|stroke|comb|shave|tie|untie|open|close|shut|lock|unlock|press|flip|switch|stamp|scratch|carve|peel|slice|grill|roast|barbecue|light|aim|shoot|reload|throw|toss|catch|hit|swing|wave goodbye|photograph|film|record|wrap|gather|cooking|cooked", fs(action(Work))},
	{de, inflVerb, "arbeit|ruehr|hack|brat|back|knet|giess|goss|misch|wasch|putz|schrubb|wisch|polier|feg|pflueg|ernt|pflueck|pflanz|fuetter|melk|buerst|striegel|reparier|schweiss|haemmer|saeg|bau|mal|zeichn|schreib|tipp|lies|las|lasen|naeh|strick|zaehl|sortier|lad|entlad|schlepp|schieb|schob|stapel|servier|ess|isst|iss|trink|trank|such|wuehl|untersuch|pruef|bedien|jonglier|bastel|schaerf|haeng|falt|buegel|raeum|streichel|kaemm|rasier|bind|oeffn|schliess|sperr|drueck|schalt|kratz|schnitz|schneid|schnitt|schael|zuend|ziel|schiess|schoss|wirf|warf|werf|fang|fing|tritt|trat|schlag|schlaegt|schlug|schwing|fotografier|wickel|sammel|zapf|ritz|schnall|kocht|kochte|kochend", fs(action(Work))},
	{en, inflVerb, "fight|wrestle|struggle|brawl|spar|duel|attack|tackle|grapple|punch|kick|strike", fs(action(Fight), hint(Tense))},
	{de, inflVerb, "kaempf|rauf|pruegel|attackier|boxt", fs(action(Fight), hint(Tense))},
}

// Words that describe what was just named: "gulls overhead" fly, "sparks
// drifting" and "fireworks cut the sky" are the sparks and the
// fireworks, "lanterns glowing" are the lanterns.
var describingWords = []group{
	{en, inflNone, "overhead|above us|in the sky|high above", fs(special("overhead"))},
	{de, inflNone, "ueber uns|am himmel|hoch oben", fs(special("overhead"))},
	{en, inflVerb, "cut|streak|light up|lights up|lit up|reflect|reflected|reflecting|mirrored|fill|fills|rain down|rains down|crackle|fall|falls|falling|fell|settles|swirl down", fs(special("fxverb"))},
	{de, inflVerb, "zerschneid|erleucht|erhell|spiegel|spiegelt|regn herab|fuell|faellt|fallen|fiel|ries", fs(special("fxverb"))},
	{en, inflNoun, "beam|light beam|ray|rays|turn|turns|turning|rotate|rotates|rotating|revolve|revolves", fs(special("lightverb"))},
	{de, inflNoun, "+lichtstrahl|!+strahl|*+strahlen|dreht sich|rotiert", fs(special("lightverb"))},
	{en, inflVerb, "glow|glowing|glows|shine|shining|shines|flicker|flickering|flickers|twinkle|twinkling|gleam|gleaming|lit|burning brightly", fs(special("lightverb"))},
	{de, inflVerb, "leucht|gluehen|glueht|flacker|flackert|schein|funkel|brennen hell", fs(special("lightverb"))},
	{en, inflNone, "rocking|rocked|rocks gently", fs(action(Walk))},
	{en, inflNone, "light rain|gentle rain|soft rain", fs(weather(Rain))},
	{en, inflAdj, "silence|silent|silently|softly|hushed|lone", fs(hint(Calm))},
	{de, inflAdj, "schweigend|leise|+stille|lautlos", fs(hint(Calm))},
	{en, inflNoun, "footsteps|footstep|steps|stomping", fs(sound(SoundKnock))},
	{de, inflNoun, "*+schritte|+schritt|stapft", fs(sound(SoundKnock))},
	{de, inflNone, "leichter regen|leichtem regen|sanfter regen", fs(weather(Rain))},
}

// Colours: what a person wears, an animal's coat, a prop's paint.
var colourWords = []group{
	{en, inflAdj, "red|crimson|scarlet", fs(colour("red"))},
	{de, inflAdj, "rot|rote|roten|roter|rotes|rotem", fs(colour("red"))},
	{en, inflAdj, "blue|navy|navy blue", fs(colour("blue"))},
	{de, inflAdj, "blau|blaue|blauen|blauer|blaues|blauem", fs(colour("blue"))},
	{en, inflAdj, "green", fs(colour("green"))},
	{de, inflAdj, "gruen|gruene|gruenen|gruener|gruenes|gruenem", fs(colour("green"))},
	{en, inflAdj, "yellow|golden yellow", fs(colour("yellow"))},
	{de, inflAdj, "gelb|gelbe|gelben|gelber|gelbes|gelbem", fs(colour("yellow"))},
	{en, inflAdj, "black|jet black|dark suited", fs(colour("black"))},
	{de, inflAdj, "schwarz|schwarze|schwarzen|schwarzer|schwarzes|schwarzem", fs(colour("black"))},
	{en, inflAdj, "white|snow white", fs(colour("white"))},
	{de, inflAdj, "weiss|weisse|weissen|weisser|weisses|weissem", fs(colour("white"))},
	{en, inflAdj, "grey|gray|silver", fs(colour("grey"))},
	{de, inflAdj, "grau|graue|grauen|grauer|graues|grauem|silbern|silberne|silbernen", fs(colour("grey"))},
	{en, inflAdj, "brown|tan|beige", fs(colour("brown"))},
	{de, inflAdj, "braun|braune|braunen|brauner|braunes|braunem", fs(colour("brown"))},
	{en, inflAdj, "orange", fs(colour("orange"))},
	{en, inflAdj, "pink|rose pink", fs(colour("pink"))},
	{de, inflAdj, "rosa|pinke|pinken", fs(colour("pink"))},
	{en, inflAdj, "purple|violet|lilac", fs(colour("purple"))},
	{de, inflAdj, "lila|violett|violette|violetten", fs(colour("purple"))},
	{en, inflAdj, "bright|colourful|colorful|multicoloured|multicolored", fs(colour("bright"))},
	{de, inflAdj, "bunt|bunte|bunten|bunter|buntes", fs(colour("bright"))},
	{anyLang, inflAdj, "turquoise|tuerkis", fs(colour("turquoise"))},
}

// Ages: "an old man", "a young woman", "MARTHA, 60s".
var ageWords = []group{
	{en, inflAdj, "old|elderly|aged|ancient|grey haired|white haired", fs(age(72))},
	{de, inflAdj, "alte|alten|alter|altes|altem|betagt|greis", fs(age(72))},
	{en, inflAdj, "young|teenage|youthful", fs(age(24))},
	{de, inflAdj, "jung|junger|junges|jungem", fs(age(24))},
	{en, inflAdj, "little|small|tiny", fs(age(8))},
	{de, inflAdj, "klein|kleine|kleinen|kleiner|kleines|kleinem", fs(age(8))},
	{anyLang, inflNone, "20s|twenties|zwanziger", fs(age(25))},
	{anyLang, inflNone, "30s|thirties|dreissiger", fs(age(35))},
	{anyLang, inflNone, "40s|forties|vierziger", fs(age(45))},
	// After a name a decade is an age ("MARTHA, 60s"); otherwise a look.
	{anyLang, inflNone, "50s", fs(special("decade:55"))},
	{anyLang, inflNone, "60s", fs(special("decade:65"))},
	{anyLang, inflNone, "70s", fs(special("decade:75"))},
	{anyLang, inflNone, "80s", fs(special("decade:85"))},
}

// Clothes.
var wearWords = []group{
	{en, inflNoun, "dress|gown|skirt|wedding dress|sundress|ball gown", fs(wear("dress"))},
	{de, inflNoun, "+kleid|+rock|+brautkleid|+abendkleid|+sommerkleid", fs(wear("dress"))},
	{en, inflNoun, "coat|jacket|raincoat|overcoat|trench coat|trenchcoat|parka|cloak|cape|robe|fur coat|leather jacket|apron|hoodie|sweater|jumper|cardigan", fs(wear("coat"))},
	{de, inflNoun, "+mantel|+jacke|+regenmantel|+umhang|+roben|+kittel|+schuerze|+pullover|+pulli|+strickjacke", fs(wear("coat"))},
	{en, inflNoun, "suit|uniform|*uniforms|tuxedo|overalls|scrubs|armour|armor|costume", fs(wear("suit"))},
	{de, inflNoun, "+anzug|+kostuem|+smoking|+overall|+ruestung", fs(wear("suit"))},
	{en, inflNoun, "hat|cap|*caps|helmet|*helmets|hood|beanie|bonnet|crown|top hat|cowboy hat", fs(wear("hat"))},
	{de, inflNoun, "+muetze|+kappe|+helm|*+helmen|+kapuze|+krone", fs(wear("hat"))},
	{en, inflNoun, "shirt|t shirt|blouse|top|vest|shorts|jeans|trousers|pants|boots|*shoes|sneakers|gloves|scarf|sunglasses|glasses on", fs(wear("clothes"))},
	{de, inflNoun, "+hemd|+bluse|+weste|*+stiefel|*+gummistiefeln|*+gummistiefel|*+schuhe|+handschuhe|+schal|+krawatte|+sonnenbrille", fs(wear("clothes"))},
}
