"""Reviewed French signs of an emergency, of suicidal thoughts or of a request for medical
advice (a drug, a dose), and a typo-tolerant matcher.

Each sign is a sequence of word groups that must appear in this order, each within
`MAX_GAP` words of the previous one ("douleur … poitrine"). A word group lists accepted
words, written without accents; several words in a row are one alternative ("une fausse
route"). A trailing "*" accepts any ending ("respir*": respire, respiration). Words of 5
letters or more also match with one letter wrong ("poitrne", "respirre"), except words
marked "!", whose one-letter neighbours are ordinary words ("parle*!": parce; "pendre!":
rendre). A named event ("un AVC") is an emergency unless the message dates it ("il y a
5 ans"); figures of speech ("mourir de rire") are blanked first. Nothing here depends on
Rasa: it is plain Python, tested on its own (tests/test_safety_net.py).

Keep the signs certain: a false alarm costs a "call 15" message, a miss costs more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from knowledge.text import strip_accents

MAX_GAP = 4  # words allowed between two groups of a sign

# Word groups shared by several signs.
_MEDS = (
    "medicament*|medoc*!|comprime*|cachet*!|pilule*|gelule*|somnifere*|anxiolytique*|antidepresseur*|calmant*"
    "|tranquillisant*|xanax|lexomil|stilnox|lithium|morphine|methadone|subutex|tramadol|codeine|doliprane"
    "|paracetamol|dafalgan|efferalgan|ibuprofene|advil|aspirine|insuline|drogue*!|cocaine|heroine"
)
_SEDATIVES = (
    "medicament*|medoc*!|comprime*|cachet*!|pilule*|gelule*|somnifere*|anxiolytique*|antidepresseur*"
    "|calmant*|tranquillisant*|xanax|lexomil|stilnox|morphine|methadone|subutex|tramadol|drogue*!"
    "|cocaine|ghb"
)
# what a child must never swallow, drink or lick
_POISONS = (
    "javel|poison*|detergent*|lessive|dosette*|capsule* de lessive|raticide|mort aux rats|anti limace*"
    "|antilimace*|granules|insecticide*|pesticide*|desherbant*|herbicide*|white spirit|essence|petrole"
    "|alcool a bruler|soude!|destop|debouchant*|ammoniaque|chlore!|antigel|produit menager|produits menagers"
    "|produit d entretien|produits d entretien|produit vaisselle|liquide vaisselle|produit chimique"
    "|produits chimiques|produit toxique|pile bouton|piles bouton|piles!|aimant*!|champignons sauvages"
    "|champignons ramasses|champignons cueillis|champignon toxique|champignons toxiques|baies toxiques"
    "|plante toxique|laurier rose|nicotine|e liquide|huile essentielle|huiles essentielles|mercure"
    "|pastille* de lave vaisselle|pastille* lave vaisselle|tablette* de lave vaisselle|tablette* lave vaisselle"
)
_FEVER = "fievre|fievreux|fievreuse|temperature|febrile|39|40|41"
_STIFF_NECK_OR_SPOTS = (
    "nuque raide|nuque rigide|nuque bloquee|raideur de la nuque|raideur de nuque|cou raide"
    "|taches violet*|taches pourpre*|plaques violet*|boutons violet*|marbrure*"
)
_PAIN = "douleu*!|doleur*|douloureu*"
_SUDDENLY = "tout a coup|soudain*|subitement|brusquement|brutalement|d un coup"
# a newborn, the age right after the child (« ma fille de 15 jours », not « malade depuis plus de 3
# jours »): a fever then is an emergency
_NEWBORN = "|".join(
    f"{child} {age}"
    for child in ("fille", "fils", "bebe", "bb", "nourrisson", "niece", "neveu", "petite", "petit")
    for age in (
        ["de 1 jour", "d un jour", "d une semaine", "de 1 semaine"]
        + [f"de {days} jours" for days in range(2, 31)]
        + [f"de {weeks} semaines" for weeks in range(2, 7)]
    )
)

# « mon frère, il est mort », « ma mère qui est décédée »: a relative and their death, side by side.
_RELATIVE_WHO_DIED = "|".join(
    f"{relative} {death}"
    for relative in (
        "mon frere",
        "ma soeur",
        "mon pere",
        "ma mere",
        "mon mari",
        "ma femme",
        "mon fils",
        "ma fille",
        "son pere",
        "sa mere",
        "papa",
        "maman",
    )
    for death in (
        "il est mort",
        "elle est morte",
        "qui est mort",
        "qui est morte",
        "qui est decede",
        "qui est decedee",
        "decede",
        "decedee",
        "mort l an",
        "morte l an",
    )
)

# kind -> list of signs; a sign is a tuple of word groups (alternatives separated by "|").
SIGNS: dict[str, list[tuple[str, ...]]] = {
    "emergency": [
        # breathing: stops, struggles, too fast, with pauses
        (
            "respir*",
            "plus|pas|pa|pu|plu|mal|difficile*|difficilement|a peine|tres vite|trop vite|vite|bizarre*"
            "|bruyamment|pauses!|saccade*|siffle*|rale*",
        ),
        ("du mal|difficulte*|peine|gene|galere", "a respirer|pour respirer|respiratoire*|reprendre son souffle"),
        ("arrive|peut|peux|jpeux|parvient|reussit|reussis", "plus|pas|pu", "respir*|reprendre son souffle"),
        ("arrete de respirer|arret respiratoire|arrets respiratoires|pauses respiratoires",),
        ("plus d air|manque d air|cherche son air|cherche son souffle|cherche sa respiration",),
        ("asthme", "passe pas|passe plus|cede pas|malgre"),
        (
            "ventoline|inhalateur",
            "marche pas|marche plus|fait rien|fait plus rien|fait pas effet|suffit pas"
            "|suffit plus|aucun effet|soulage pas|soulage plus",
        ),
        # choking
        ("s etouffe*!|s etoufe*!|se etouffe*!|s est etouffe*!|setouffe*!|etouffement*!|suffoque*|asphyxi*|etrangle*!",),
        ("m etouffe*!|metouffe*!",),  # « je m'étouffe » (set i, 2026-11-30)
        ("il|elle|bebe|bb|enfant!|fils|fille!|pere|mere|mari!|femme!", "etouffe*!"),
        ("une fausse route|des fausses routes",),
        # blue or grey lips or face
        ("levre*!|visage|bouche!|teint!|peau|figure", "bleu*|gris|grise*!|violace*|violet*!|cyanose*"),
        (
            "tout bleu|toute bleue|tout gris|toute grise|devient bleu|devient bleue|devenu bleu|devenue bleue"
            "|devient gris|devenu gris|devenue grise|vire au bleu|cyanose*",
        ),
        # consciousness: fainted, collapsed, does not react or wake up, eyes rolled back
        ("inconscient*|inanime*!|dans les vapes|inerte!",),  # not « inepte »
        ("reagi*!", "plus|pas|pa|pu|rien"),
        ("reveille*!|reveile*!", "plus|pas|pa|pu"),
        ("arrive|peut|peux|arrivons|reussi*!|impossible", "plus|pas|de", "reveiller"),
        ("bouge!", "plus|pu|pa"),
        # a person who stops answering; not "le centre ne répond pas"
        ("il|elle|mari!|femme!|pere|mere|fils|fille!|bebe|bb|enfant!|papa|maman!", "repond plus|reagit plus|repond pu"),
        (
            "repond plus|reagit plus|reagit pas|repond rien",
            "lui parle|l appelle|le secoue|la secoue|le pince|la pince|stimul*",
        ),
        ("repond pas", "le secoue|la secoue|le pince|la pince|stimul*"),
        # someone lying on the ground who does not answer (set i, 2026-11-30)
        (
            "allonge*|etendu*|par terre|au sol",
            "repond pas|repond plus|reagit pas|reagit plus|bouge plus|bouge pas|ne repond pas|ne repond plus",
        ),
        # trembling all over and not answering (a seizure, a diabetic's low sugar; set j, 2026-11-30)
        ("tremble*", "il repond pas|elle repond pas|il repond plus|elle repond plus|il reagit pas|elle reagit pas"),
        (
            "allonge*|etendu*",
            "jardin|cour|sol|terre|lit|route|trottoir|salle de bain|cuisine|escalier",
            "repond pas|repond plus|reagit pas|reagit plus|bouge plus",
        ),
        # set m (2026-11-30): a seizure on the floor, someone trapped under a tractor, a driver who
        # does not move, a button battery swallowed, English words for a collapse or chest pain, gas
        # with a headache or vomiting, a gas explosion with someone burnt, breathing in SMS spelling,
        # someone lying outside who does not answer, a twisted leg after a fall, a swarm of stings,
        # hypothermia, a fork no longer held with speech gone wrong, an old neighbour lying on the
        # tiles without moving
        ("crise|convuls*", "tremble*", "par terre|au sol"),
        ("coince*", "dessous|sous le tracteur|sous la voiture|sous le quad|sous la machine|sous les gravats"),
        ("conducteur|motard|pieton|cycliste|blesse", "bouge pas|bouge plus|repond pas|reagit pas"),
        ("pile bouton|piles bouton|piles boutons|pile plate", "avale*|bouche|mange*|ingere*"),
        (
            "collapsed|unconscious|not responding|unresponsive|not breathing|cant breathe|can t breathe"
            "|chest pain|chest hurts",
        ),
        ("sent le gaz|odeur de gaz|fuite de gaz", "mal a la tete|vomi*|tete qui tourne|malaise*|vertige*"),
        ("explosion", "gaz", "blesse*|brule*"),
        ("un blesse brule|des blesses brules|gravement brule*|grievement brule*",),
        ("jarrive|arrive", "pa", "respir*"),
        (
            "allonge*|etendu*|par terre|au sol",
            "devant|dans|sur|pres",
            "repond pas|repond plus|reagit pas|reagit plus|bouge pas|bouge plus",
        ),
        ("jambe|hanche", "tordu*|deform*|a l envers"),
        ("piqu*", "essaim"),
        ("hypothermi*",),
        ("tout froid|toute froide|glace*", "dit n importe quoi|confus*|s endort|delire*"),
        ("fourchette|verre|tasse|bras", "parle mal|parle bizarre*|arrive plus a parler|peut plus parler"),
        ("allonge*|etendu*", "carrelage|sol|par terre", "sans bouger|ne bouge pas|bouge pas|bouge plus"),
        ("effondre*|ecroule*!",),
        ("par terre", "plus|pas"),
        # an old person on the floor for hours, cold or confused (set h, 2026-11-30)
        (
            "par terre|au sol",
            "depuis cette nuit|depuis hier|depuis des heures|depuis plusieurs heures|depuis ce matin"
            "|froide|froid|confus*",
        ),
        # "on a trouvé quelqu'un par terre au bord de la route"
        (
            "trouve*!",
            "quelqu un|une personne|un homme|une femme|un monsieur|une dame|un enfant|un papy|une mamie",
            "par terre|au sol|inconscient*|inanime*!|allonge*|etendu*",
        ),
        ("arrive|peut|peux|reussi*!", "plus|pas", "se relever!|le relever!|la relever!|se lever!|le lever!|la lever!"),
        ("se releve!|se relevent!|se relevera!", "pas|plus|pa|pu"),
        # set e, f and g emergencies the classifier alone had caught (2026-11-30, sixth session): a fall
        # and no answer, choking that turns blue, a chainsaw wound
        (
            "tombe*|chute*!",
            "ne se leve pas|ne se leve plus|ne dit rien|ne dit plus rien|ne repond plus|ne repond pas"
            "|ne reagit plus|ne reagit pas|il dit rien|elle dit rien",
        ),
        ("de travers|fausse route", "violet*|bleu!|bleue|etouffe*|respire plus|respire pas"),
        (
            "me suis ouvert*!|s est ouvert*!|se sont ouvert*!",
            "jambe|bras|main|pied|cuisse|ventre!|tete|crane|poignet|genou",
        ),
        # does not recognise their own: confusion, as in a diabetic's hypoglycaemia
        ("ne me reconnait plus|me reconnait plus|ne nous reconnait plus|nous reconnait plus|reconnait plus personne",),
        ("yeux|oeil|regard!", "revulse*|retourne*"),
        (_SUDDENLY, "confus*|desoriente*|incoherent*"),
        ("confus*|desoriente*|incoherent*", _SUDDENLY),
        # seizure (and "convulse", an event below)
        ("bave|ecume", "tremble*|secou*!|raidi*!|convuls*"),
        ("tremble*|secou*!|raidi*!", "bave|ecume"),
        # a baby: limp, grey or mottled, stops drinking, a fever under 3 months
        ("tout mou|toute molle|tout flasque|toute flasque",),
        (
            "bebe|bb|nourrisson|nourisson|nouveau ne",
            "mou|molle!|flasque|gris|grise|livide|marbre*|hypoton*|amorphe|est bleu|est bleue|devient bleu",
        ),
        (
            "bebe|bb|nourrisson|nourisson|nouveau ne",
            "boit plus|boit rien|boit presque plus|tete plus|veut plus boire"
            "|refuse de boire|refuse tous ses biberons|refuse tous les biberons|refuse tout|prend plus le biberon"
            "|prend plus ses biberons|prend plus rien|avale plus rien|rien bu",
        ),
        ("boit plus|boit presque plus|tete plus|veut plus", "biberon*|tetee*!|le sein"),
        (
            "bebe|bb|nourrisson",
            "de 1 mois|de 2 mois|d un mois|de deux mois|semaines|de 10 jours|de 15 jours",
            _FEVER + "|38",
        ),
        ("nouveau ne", _FEVER + "|38"),
        # chest pain, cardiac arrest
        (
            _PAIN + "|mal|serre*!|sert|serrement|oppress*|ecrase*|brule!|brulure*|poids!|pression|etau|barre!|pique!"
            "|lourdeur|coup de poignard|coup de couteau",
            "poitrine|thorax|thoracique|sternum|torse!",
        ),
        ("poitrine|thorax|torse!|sternum", _PAIN + "|serre*!|sert|ecrase*|brule!|mal|compresse|oppress*|explose|etau"),
        (_PAIN + "|mal|irradie*|engourdi*|lance*!|serre*!|fourmi*!", "bras gauche"),
        ("bras gauche", _PAIN + "|engourdi*|fourmi*!|mal|lance*!|irradie*|paralyse*"),
        ("irradie*", "machoire|bras|epaule|cou|dos"),
        ("coeur!", "s est arrete|s arrete|a lache|bat plus|ne bat plus"),
        ("plus de pouls!|pas de pouls!|sans pouls!|trouve pas son pouls!|trouve plus son pouls!|sens plus son pouls!",),
        ("fais|fait|faire|commence*|dois|faut", "massage cardiaque|bouche a bouche"),
        # an atrocious pain, anywhere
        (
            _PAIN + "|souffre*|mal au|mal a la|mal aux|mal a l|mal de",
            "atroce*|insupportable*|intenable|abominable*|horrible*|brutal*",
        ),
        ("atroce*|insupportable*|intenable|horrible*|brutale", _PAIN + "|souffrance*"),
        # stroke: face, arm or leg, speech, sight, the worst headache
        ("bouche!|visage|levre*!|sourire", "travers|paralyse*|tombe*|deforme*!|tordu*|asymetri*|pend|affaisse*"),
        (
            "bras|jambe|cote|visage|moitie",
            "paralyse*|inerte|engourdi|mou|molle!|insensible*|plus de force!|aucune force!|sans force!|retombe*",
        ),
        ("bras|jambe|main|pied|visage", "repond plus|ne repond pas|repond pu"),
        ("paralys*|paralysie", "bras|jambe|cote|visage|faciale|moitie|corps!"),
        ("peut|arrive|peux|reussit", "plus|pas", "lever!|bouger|soulever", "bras|jambe|main"),
        (
            "parle*!|parole|elocution|articul*!",
            "bizarre*|pateuse|incomprehensible*|brouille*|deforme*!|charabia|bafouill*",
        ),
        (_SUDDENLY, "parle*!|parole|articul*!|bafouill*"),
        (
            "parle!|parler!|parlait!|articule!|articuler!",
            "mal|plus|pu|difficilement|bizarre*",
            _SUDDENLY
            + "|depuis tout a l heure|depuis ce matin|depuis une heure|depuis quelques minutes|depuis 5 minutes"
            "|depuis 10 minutes|depuis 15 minutes|depuis 20 minutes|depuis 30 minutes",
        ),
        ("parle plus normalement|parle plus correctement|parle plus comme d habitude",),
        ("peut|arrive|peux|reussit|parvient", "plus|pas", "parler!|articuler!|trouver ses mots|sortir un mot"),
        ("trouve plus ses mots|trouve pas ses mots|cherche ses mots|trouve plus les mots|mots ne sortent plus",),
        (
            "voit double|vois double|vision double|vue double|voyait double|voir double|vois en double"
            "|voit en double|voit tout en double|vois tout en double|vision dedoublee",
        ),
        (
            "perdu la vue|perd la vue|perte de la vue|voit plus rien|vois plus rien|voile noir|voit plus d un oeil"
            "|vois plus d un oeil|aveugle d un coup",
        ),
        (
            "mal de tete|mal a la tete|maux de tete|migraine|cephalee*|mal au crane",
            _SUDDENLY + "|subit*!|atroce*"
            "|horrible*|brutal*|coup de tonnerre|le pire|la pire|comme jamais|jamais eu aussi|jamais eu ca|explose*",
        ),
        ("le pire|la pire|pire", "mal de tete|maux de tete|migraine|cephalee*|" + _PAIN),
        ("tete", "explose|qui explose|va exploser|coup de tonnerre"),
        # bleeding that does not stop; bleeding when pregnant
        (
            "saign*!|seign*!",
            "beaucoup|abondamment|arrete pas|arrete plus|s arrete pas|enormement|partout|a flot*"
            "|gicle*|fort|toujours|sans arret",
        ),
        (
            "saign*!|seign*!",
            "depuis|pendant|plus d",
            "heure|heures|1h|2h|3h|1 h|2 h|une heure|deux heures"
            "|des heures|longtemps|ce matin|30 min|30 minutes|45 minutes",
        ),
        ("saign*!", "tete"),
        (
            "arrete pas|arrete plus|arrive pas a arreter|arrive plus a arreter|impossible d arreter|stoppe pas",
            "saign*!|le sang|hemorragie",
        ),
        (
            "perd du sang|perds du sang|perdu du sang|perd beaucoup de sang|perdu beaucoup de sang"
            "|perds beaucoup de sang|perd enormement de sang|perd trop de sang|perdu trop de sang|pisse le sang"
            "|pisse du sang|pissait le sang|crache du sang|crache le sang|vomi du sang!|vomit du sang!|vomis du sang!"
            "|vomit le sang!|sang partout|plein de sang|couvert de sang|flaque de sang|mare de sang|sang qui coule"
            "|le sang coule|sang qui gicle|le sang gicle|vide de son sang|baigne dans son sang",
        ),
        ("enceinte|grossesse", "saign*!|perd du sang|perds du sang|pertes de sang|perte de sang|hemorragie"),
        # pregnancy: contractions (labour, or too early), waters broken, the baby no longer moving
        ("enceinte|grossesse|semaines d amenorrhee", "contraction*"),
        ("contraction*", "toutes les", "minute*|min|mn"),
        ("perdu les eaux|perte des eaux|poche des eaux|poche s est rompue|poche a rompu",),
        ("plus|pas", "senti|sens|sent|sentir", "bouger|bouge", "bebe"),
        (
            "bebe",
            "ne bouge plus|ne bouge pas|ne bouge presque plus|bouge presque plus|bouge moins|bouge plus du tout"
            "|ne remue plus|remue plus du tout",
        ),
        ("saign*!|perd du sang|perds du sang|pertes de sang|perte de sang", "enceinte|grossesse"),
        # wounds and serious trauma (falls and run-overs are events, below)
        ("plaie!|coupure|entaille|blessure|coupe!|coupee", "profond*|beante*|jusqu a l os"),
        ("grave!|gravement!|grievement|serieusement", "blesse*|brule*!"),
        ("blesse*", "grave!|gravement!|grievement|par balle!|au couteau"),
        (
            "coup de couteau|coups de couteau|poignarde*|coup de feu|par balle!|arme a feu|fracture ouverte!"
            "|on voit l os|voit l os|os a nu",
        ),
        ("os", "sort|sortent|sorti|depasse|dehors|a l air"),
        (
            "jambe|bras|pied|genou|cheville|poignet|coude!|epaule",
            "mauvais sens|a l envers|angle bizarre"
            "|angle pas normal|sens inverse|pas dans le bon sens|completement tordu*",
        ),
        ("sent|sens|sentir|sentait", "plus|pas|pu|rien", "jambes|jambe|bras|corps!|bas du corps"),
        (
            "cogne*|tape*|heurte*!|choc|coup|coups|tombe*|chute!",
            "tete|crane",
            "vomi*|somnol*|endormi|dort|confus*|saign*!|perdu connaissance|inconscient*|reagit|convuls*"
            "|parle bizar*|parle mal|parle plus",
        ),
        ("vomi*|somnol*|confus*|convuls*", "tombe*|cogne*|choc|chute!", "tete|crane"),
        # "il est tombé ce matin, il a une grosse bosse à la tête et il est confus"
        (
            "bosse!|hematome*|plaie!",
            "a la tete|au crane|sur la tete|au front",
            "vomi*|somnol*|confus*|convuls*|inconscient*|endormi",
        ),
        (
            "apres sa chute|depuis sa chute|depuis qu il est tombe|depuis qu elle est tombee|apres etre tombe*",
            "vomi*|somnol*|endormi|confus*|convuls*|inconscient*|saign*!",
        ),
        # burns: face, chest, arms, a baby; large blisters, skin coming off; electric, chemical, smoke
        (
            "brule*!|brulure*|ebouillant*",
            "visage|figure|torse!|thorax|poitrine|bras|jambe*|cou|corps!|partout|bebe"
            "|bb|enfant|3e degre|3eme degre|troisieme degre|acide!|huile|eau bouillante|vapeur!",
        ),
        ("brule*!|brulure*", "grave!|gravement!|graves!"),
        ("grosses cloques|enormes cloques|cloques partout|plein de cloques|des cloques sur tout",),
        ("peau", "part|partie|s en va|lambeau*|arrache*|decolle*|carbonise*"),
        ("eau bouillante|huile bouillante|huile chaude|friteuse", "renverse*|tombe*|dessus|visage|bebe|enfant"),
        # set h, 2026-11-30 (seventh session): « brûlé avec la friteuse, tout le bras est cloqué »
        ("eau bouillante|huile bouillante|huile chaude|friteuse", "bras|jambe*|main|cloque*|brule*!"),
        ("brule*!|brulure*", "cloque*"),
        ("renverse*|tombe*|ebouillant*", "eau bouillante|huile bouillante|huile chaude|friteuse"),
        ("electrocut*",),
        (
            "javel|acide!|soude!|chaux|ciment|chlore!|produit*",
            "dans les yeux|dans l oeil|dans ses yeux|dans son oeil|dans mes yeux|dans mon oeil",
        ),
        ("respire*|inhale*", "beaucoup de fumee|fumees toxiques|fumee toxique|gaz toxique*|vapeurs toxiques"),
        # poisoning: swallowed, drunk or licked; injected; too much of a drug; drugs with alcohol; tiny pupils
        (
            "avale!|avalee|avales|avalees|avalle|avalait|vient d avaler|viens d avaler|ingere*!|ingurgite*|gobe*",
            _MEDS + "|boite!|plaquette|pile*!|javel|produit*|poison*|champignon*|detergent*|lessive|capsule*"
            "|dosette*|bouton|piece|arete!|" + _POISONS,
        ),
        # « il a pris de la mort aux rats » (set h, 2026-11-30); not « j'ai pris de l'essence »
        (
            "pris|prend",
            "mort aux rats|raticide|anti limace*|antilimace*|javel|insecticide*|pesticide*|desherbant*|herbicide*"
            "|destop|debouchant*|detergent*|lessive|capsule* de lessive|antigel",
        ),
        (
            "mange*!|bu|bois|boit|leche*!|croque*|machouill*|mis dans la bouche|mis a la bouche|porte a la bouche"
            "|mis dans sa bouche|mis dans son bec|mis en bouche|dans sa bouche",
            _POISONS,
        ),
        ("bu|leche*!", "produit*"),
        (
            "pris|avale!|ingere*!|bu|donne!|injecte*!|mis",
            "trop|beaucoup trop|double dose|dose double"
            "|toute la boite|toute une boite|toute la plaquette|une boite entiere|une dizaine|des dizaines|20|30|40|50",
            _MEDS + "|alcool|boite!|plaquette",
        ),
        # "elle a pris toute sa plaquette de somnifères" (not "tous mes médicaments ce matin, comme prescrit")
        ("pris|avale!", "toute sa|toute ma|toute leur", "boite!|plaquette"),
        (
            "bu|alcool|picole*|bourre*!|saoul|ivre|alcoolise*|whisky|vodka",
            "avale!|avalee|gobe*|pris des|pris plein|pris toute|pris tous|prise des|melange*|plein de",
            _SEDATIVES + "|boite!|plaquette",
        ),
        (
            "pris des|pris plein|pris toute|pris tous|gobe*|a melange|ai melange",
            _SEDATIVES,
            "alcool|bu|vodka|whisky|picole*|bourre*!|ivre|saoul",
        ),
        ("injecte*!|shoote*|shoot!|pique*!", "drogue*!|heroine|cocaine|crack|coke|dope|came|ketamine"),
        (
            "pupille*",
            "minuscule*|petite*|tete d epingle|punctiforme*|en pointe|reagissent plus|reagissent pas"
            "|fixe*|inegal*|differente*|pas pareil*|pas de la meme taille",
        ),
        # allergy that swells the face or the throat (anaphylaxis)
        ("oedeme", "gorge|visage|langue|levre*!|glotte|larynx|quincke|paupiere*"),
        ("gonfle*|enfle*!", "gorge|visage|langue|levre*!|yeux|paupiere*|bouche!|figure|glotte|de partout|partout"),
        ("gorge|visage|langue|levre*!|bouche!|figure", "gonfle*|enfle*!"),
        ("gorge|larynx", "se ferme!|qui se ferme!|se referme!|se bloque|se resserre"),
        (
            "piqu*|pique*!|mordu*",
            "guepe|abeille|frelon|bourdon!|insecte|meduse",
            "respir*|malaise!|gorge|visage|langue|levres!|partout|allergi*",
        ),
        ("allergi*", "gonfle*|malaise!|etouffe*!|choc"),
        # hives all over with a cough or a swelling: an allergic reaction spreading
        (
            "urticaire|plaques partout|boutons partout|gonfle de partout|plaques sur tout le corps",
            "tousse*|respir*|gorge|gonfle*|malaise!|vomi*",
        ),
        # swelling with hives all over (set j, 2026-11-30)
        ("gonfle*|enfle*!", "plaques partout|boutons partout|urticaire|plaques sur tout le corps"),
        ("injecte*!|fait|mis|utilise*|pique*!", "epipen|anapen|jext|stylo d adrenaline|stylo adrenaline|adrenaline"),
        # meningitis, sepsis: fever with a stiff neck, purple spots or light that hurts
        (_FEVER, _STIFF_NECK_OR_SPOTS),
        (_STIFF_NECK_OR_SPOTS, _FEVER),
        ("purpura|petechie*|marbrure*",),
        ("taches|boutons|plaques", "ne s effacent pas|s effacent pas|effacent pas|disparaissent pas sous le verre"),
        ("supporte pas la lumiere|supporte plus la lumiere|photophobie", "nuque|fievre|vomi*"),
        (
            "nuque raide|nuque bloquee|nuque rigide|fievre",
            "supporte pas la lumiere|supporte plus la lumiere|photophobie",
        ),
        ("crois|pense!|peur|suspicion|suspect*|on dirait|c est une|fait une", "meningite"),
        # snake bite, drowning
        ("mordu*|morsure*|pique*!|piqure*", "serpent|vipere|aspic"),
        ("serpent|vipere|aspic", "mordu*|morsure*|pique*!|piqure*"),
        ("se noie|se noyer|se noyait|failli se noyer|presque noye*|s est noye*|fond de la piscine|fond de l eau",),
        (
            "tombe*|glisse*|chute!",
            "dans la piscine|dans le bassin|dans la riviere|dans le lac|dans la mare"
            "|dans l eau|dans la mer|dans le canal|dans le puits",
        ),
        # someone dying; a call for help or for the emergency services
        (
            "il|elle|je|j|on|mari!|femme!|pere|mere|fils|fille!|bebe|bb|enfant!|papa|maman!|copain|copine|voisin*",
            "va mourir!|vais mourir!|vas mourir!|en train de mourir!|risque de mourir!|peut mourir!|va crever!"
            "|vais crever!",
        ),
        ("crois|pense!|on dirait|peur", "est mort|est morte|soit mort|soit morte|est decede|est decedee"),
        ("urgence vitale|urgences vitales|pronostic vital|danger de mort|sa vie est en danger",),
        ("au secours!",),
        # set g (2026-11-30): a saw cut that bleeds, an ambulance now, « c'est une urgence … maintenant »
        ("beaucoup de sang|enormement de sang|tellement de sang",),
        ("besoin d une ambulance|faut une ambulance|appelez une ambulance", "tout de suite|maintenant|vite|urgent*!"),
        ("c est une urgence|c est urgent!", "maintenant|tout de suite|vite"),
        ("aidez*!|aide moi|aide nous|m aider|nous aider", "vite"),
        ("vite", "medecin|docteur|une ambulance|secours!|samu|pompiers!"),
        ("venez!", "vite|tout de suite|rapidement"),
        ("venez!|envoyez|envoyer|faites venir", "une ambulance|le samu|les pompiers|les secours|le smur"),
        # "c'est grave" only with a call for help, not "c'est grave si je n'ai pas de médecin traitant ?"
        (
            "c est grave!|c est tres grave!|c est vraiment grave!|c est super grave!",
            "vite|venez!|aidez*|aide moi|au secours!|urgent*!|urgence",
        ),
        (
            "vite|venez!|aidez*|aide moi|au secours!|urgent*!|urgence",
            "c est grave!|c est tres grave!|c est vraiment grave!",
        ),
        # set l (2026-11-30): someone who says it in English, an old person fallen and unable to get
        # up, a sting with the throat tightening, a stove and everyone with a headache (carbon
        # monoxide), a birth happening now
        (
            "not breathing|does not breathe|doesn t breathe|is not breathing|isn t breathing|can t breathe"
            "|cannot breathe|stopped breathing|not breathe",
        ),
        (
            "tombe*|chute!|il|elle|mamie|papi|papy|mami",
            "par terre|au sol",
            "depuis la nuit|depuis hier|depuis ce matin|depuis des heures|depuis plusieurs heures|toute la nuit",
        ),
        (
            "il|elle|mamie|mami|papi|papy|mere|pere|voisin*|grand mere|grand pere|mari!|femme!",
            "tombe*|chute!",
            "peut plus bouger|peut pas bouger|bouge plus du tout|peut plus se relever|peut pas se relever"
            "|arrive pas a se relever|arrive plus a se relever|reussit pas a se relever",
        ),
        (
            "guepe|abeille*|frelon*|bourdon!|insecte*",
            "etre pique*|etre piquee|fait piquer|piqu*|pique*!",
            "respir*|malaise!|gorge|visage|langue|gonfle*",
        ),
        (
            "tous|toute la famille|tout le monde|les enfants aussi",
            "mal a la tete|maux de tete|vomi*|nausee*",
            "poele|chaudiere|chauffage|braseiro|barbecue|groupe electrogene|cheminee|chauffe eau",
        ),
        (
            "mal a la tete|maux de tete|vomi*|nausee*",
            "depuis qu on a allume|depuis qu on allume|depuis qu il a allume|depuis qu elle a allume",
        ),
        (
            "accouche maintenant!|accouche tout de suite!|accouche la tout de suite!|accouche dans la voiture!"
            "|en train d accoucher!|la tete du bebe sort|on voit la tete du bebe|accouche sur le bord de la route!",
        ),
        # set n, 2026-12-01 (eleventh session): Catalan and Spanish (« no es mou », « sangra mucho »),
        # bleeding written as heard, lost in the fog, a threat to kill, a newborn's fever said with
        # its age in days, someone found in the water who does not move (not « perdus dans la
        # montagne »: far from everything)
        ("no es mou|no se mueve|no respira|sangra mucho|sagna molt",),
        ("pisse le san!|pisse le sans!|pise le sang!|pise le san!",),
        (
            "perdu dans le brouillard|perdus dans le brouillard|perdue dans le brouillard|perdues dans le brouillard"
            "|perdu dans la brume|perdus dans la brume|perdu dans la neige|perdus dans la neige|perdue dans la neige"
            "|egare dans le brouillard|egares dans le brouillard",
        ),
        (_NEWBORN, _FEVER + "|38"),
        (
            "dans le canal|dans l eau|dans la riviere|dans le lac|dans la piscine|dans la mer|dans le bassin",
            "bouge pas|bouge plus|respire pas|respire plus|repond pas|reagit pas",
        ),
        # a walker who can no longer walk at nightfall; English; cold and confused
        (
            "peux plus marcher|peut plus marcher|peux pas marcher|peut pas marcher|arrive plus a marcher",
            "nuit tombe|la nuit arrive|il fait nuit",
        ),
        (
            "glisse*|tombe*|chute!",
            "pierrier|falaise|ravin!|rocher*|crevasse|eboulis",
            "parle plus|bouge plus|bouge pas|repond plus|saigne*!|plaie|inconscient*|crie*|hurle*|peut plus",
        ),
        (
            "face is swelling|throat is swelling|tongue is swelling|breathes bad|can t breathe|cannot breathe"
            "|not breathing",
        ),
        (
            "glace!|glacee!|gele|gelee|tout froid|toute froide",
            "parle plus|parle mal|parle bizarre|repond plus|confus*|delire*",
        ),
        # set o, 2026-12-01 (twelfth session), certain whatever the date: a fire with someone inside,
        # a knife threat, a chest « comme un étau », an unknown number of pills, a gunshot, a low sugar
        # with someone no longer understanding, trapped under a tractor, a hot old person delirious
        (
            "il y a le feu|y a le feu|ya le feu|incendie|en feu|ca brule!|sa brule!|fumee!",
            "encore dedans|encore a l interieur|on est coince*|sommes coince*|coinces a l etage|bloques a l etage",
        ),
        ("menace*!", "couteau|machette|cutter!|fusil!|pistolet|revolver"),
        ("coeur!|poitrine|thorax", "comme un etau"),
        (
            "a pris|avale*",
            "medicament*|cachet*!|comprime*|pilule*|somnifere*",
            "sais pas combien il|sais pas combien elle|je sais pas combien il|je sais pas combien elle"
            "|je ne sais pas combien il|je ne sais pas combien elle|toute la boite|une boite entiere|la boite entiere",
        ),
        ("s est tire dessus|blesse par balle",),
        (
            "hypo|hypoglycemie",
            "ne comprend plus|comprend plus rien|il ne repond plus|elle ne repond plus|perd connaissance|inconscient*",
        ),
        (
            "sous le tracteur|sous la voiture|sous le quad|sous la machine|sous la remorque",
            "coince*|bouge plus|saigne*!",
        ),
        (
            "il est tout chaud|elle est toute chaude|est toute chaude|est tout chaud|est brulant|est brulante",
            "delire*!|transpire plus|dit n importe quoi",
        ),
    ],
    # An event named ("un AVC", "il est tombé du toit"): an emergency unless "not_now" dates it or asks in general.
    "event": [
        ("avc|attaque cerebrale|accident vasculaire*|accident cerebral",),
        # set o, 2026-12-01: a car in a ditch with someone bleeding, an overturned truck with a hurt
        # driver, a heat stroke with vomiting or confusion (not « l'an dernier », « prévention »)
        ("dans le fosse|sortie de route", "saigne*!|inconscient*|bouge plus"),
        ("voiture", "coince*", "saigne*!|inconscient*|bouge plus"),
        ("renverse*|percute*|tonneau*", "chauffeur|conducteur|motard|pieton|cycliste|passager*!", "blesse*|saigne*!"),
        ("coup de chaleur|insolation", "vomi*|dit n importe quoi|delire*!|perd connaissance|s est effondre*"),
        ("tout rouge|toute rouge", "vomi*", "dit n importe quoi|delire*!|confus*!"),
        # set n, 2026-12-01: a fall in the mountains, a cow's horn, scalding water, a tractor tipped over
        ("coup de corne|coup de cornes|encorne*!|coup de sabot",),
        (
            "renverse*|brule*!",
            "eau bouillante|eau de la casserole|huile bouillante|bouilloire|friteuse|casserole",
            "sur le torse|sur lui|sur elle|sur le bras|sur la jambe|sur les jambes|sur le ventre|sur le visage"
            "|sur la main|sur le pied",
        ),
        ("tracteur|quad", "bascule*|renverse*|retourne*"),
        ("infarctus|infractus|infarct",),
        ("crise!|arret|attaque", "cardiaque"),
        ("embolie",),
        ("hemorragie*",),
        ("coma|comateux|evanoui*!|dans les pommes!",),
        ("perdu|perte!|perd|perdre|perds", "connaissance|conscience"),
        ("malaise!|malaize",),
        ("convuls*",),
        ("crise!", "epilepsie|epileptique|convulsive*"),
        ("reaction allergique|choc anaphylactique|anaphyla*|oedeme de quincke|quincke",),
        ("intoxication|intoxique*|empoisonne*!|overdose!|surdose!|une od|un od|monoxyde",),
        ("noyade*",),
        ("il meurt|elle meurt|je meurs|est mourant|est mourante|agonise*",),
        # a fall down the stairs that hurts or leaves a hip out of shape (set j, 2026-11-30)
        ("chute!|tombe*", "escalier*", "hanche|femur|jambe|crie*|hurle*|bouge plus|peut plus"),
        ("hanche|femur", "bizarre|tordue|deforme*|a l envers|en dehors"),
        # fallen and screaming when the hip is touched (set k, 2026-11-30)
        ("tombe*|chute!|par terre", "hurle*|crie*", "hanche|femur|jambe"),
        # a baby who swallowed a piece of a toy, a battery, a magnet (set k, 2026-11-30)
        (
            "bebe|bb|enfant!|fils|fille!|petit|petite|gamin*",
            "avale*",
            "morceau|piece|jouet|pile|piles|bille|aimant|bouchon|capsule",
        ),
        # someone who can only write: « je dois écrire, c'est une urgence » (set k, 2026-11-30)
        ("dois ecrire|peux qu ecrire|ne peux qu ecrire|que par ecrit|par sms", "urgence|urgent|urgente"),
        # a small child who ate berries or a plant (set j, 2026-11-30)
        (
            "petit|petite|fils|fille!|enfant!|bebe|bb|gamin*|neveu|niece|petit fils|petite fille",
            "mange*|avale*|croque*",
            "baies rouges|baies noires|baies blanches|baies sauvages|baies du jardin|plante!|plantes|champignon*",
        ),
        # serious trauma: a road accident, a fall from a height, run over, a head injury
        ("accident", "grave|voiture|route!|moto|scooter|camion|velo|pieton|quad|tracteur|chasse!|ski|blesse*!"),
        ("blesse*!", "a la tete|au crane|au ventre|a la poitrine|au thorax"),
        (
            "tombe*|chute*!|tomber",
            "toit|echelle|hauteur|balcon|fenetre|etage!|arbre|echafaudage|falaise|metres"
            "|escabeau|du haut|table a langer",
        ),
        (
            "renverse par!|renversee par!|renverses par!|percute par!|percutee par!|fauche par!|fauchee par!"
            "|heurte par!|heurtee par!|happe par!|happee par!|fait renverser!|fait percuter!|fait faucher!"
            "|ecrase par!|ecrasee par!",
            "voiture|camion|bus|moto|scooter|vehicule|tracteur|train|auto|automobiliste|chauffard|car|velo|tram",
        ),
        (
            "voiture|camion|moto|scooter|bus|tracteur|train|chauffard|automobiliste",
            "l a renverse*!|l a percute*!|l a fauche*!|l a heurte*!|la renverse*!|la percute*!|la fauche*!",
        ),
        ("traumatisme cranien|trauma cranien|fracture du crane!|commotion cerebrale",),
    ],
    # "il y a 5 ans", "l'an dernier", "rééducation", "quels sont les signes": not an emergency now
    "not_now": [
        ("il y a|y a|ya|voila", "an|ans|annee*!|mois|semaines"),
        ("depuis", "an|ans|annees!|mois"),
        ("l an|l annee|l ete|l hiver|la semaine|le mois", "dernier|derniere|passe|passee"),
        ("en", "199*|200*|201*|202*"),
        ("depuis son|depuis sa|depuis mon|depuis ma|suivi pour|suivie pour|suivi apres|suivie apres",),
        ("reeducation|sequelle*!|convalescence|antecedent*|readaptation|suites d!|suites de!|post avc|palliatif*",),
        (
            "etait petit|etais petit|etait petite|etais petite|dans son enfance|dans mon enfance|depuis tout petit"
            "|depuis l enfance|depuis sa naissance",
        ),
        ("est hospitalise*|a ete hospitalise*|est a l hopital|etait hospitalise*",),
        (
            "quels sont les signes|quels sont les symptomes|comment reconnaitre|c est quoi les signes"
            "|c est quoi les symptomes|prevention|depistage|facteurs de risque",
        ),
        ("prise en charge des|beaucoup d|des cas d|les cas d|des patients|mes patients|nos patients|les patients",),
    ],
    # Calling for help (an emergency), or saying it was called: which one is told below.
    "calls_for_help": [
        ("appel*!|contacte*|previen*!|prevenu*!", "samu|pompiers!|secours!|smur"),
        (
            "appeler le 15|appelez le 15|appelle le 15|appele le 15|appeller le 15|faire le 15|composer le 15"
            "|appeler le 112|appelez le 112|appelle le 112|appele le 112|appeler le 18|appelle le 18|appele le 18",
        ),
        ("attend*!", "le samu|les pompiers|les secours|le smur"),
        ("samu|pompiers!|secours!|smur", "arrive*|vient|viennent|en route|pas encore la"),
    ],
    # Help has been called or is on its way: acknowledged calmly, not the alarm again. Only in
    # the past or present ("j'ai appelé le 15", "le SAMU arrive"), never "appelez le 15 ?".
    "help_called": [
        (
            "j ai appele|j ai appelle|on a appele|ai appele|avons appele|a appele|j ai contacte|on a contacte"
            "|ai prevenu|avons prevenu|a prevenu|j ai compose|on a compose|deja appele|deja contacte|deja prevenu"
            "|jai appele|jai appelle|jai contacte|jai prevenu|jai compose|jai fait",
            "15|112|18|114|samu|pompiers!|secours!|smur|ambulance|urgences",
        ),
        # « on a fait le 112 », « ils nous envoient une équipe » (set g, 2026-11-30); not « j'ai
        # fait 15 km ».
        (
            "on a fait le 15|on a fait le 112|on a fait le 18|j ai fait le 15|j ai fait le 112|j ai fait le 18"
            "|avons fait le 15|avons fait le 112|ils envoient quelqu un|ils nous envoient|ils envoient une equipe"
            "|ils envoient une ambulance|ils envoient les secours|on nous envoie",
        ),
        (  # not "ambulance": "l'ambulance arrive à quelle heure pour ma dialyse ?"
            "samu|pompiers!|secours!|smur",
            "arrive|arrivent|est en route|sont en route|en route|en chemin|sont la|est la|viennent|vient"
            "|sont arrives|est arrive|est arrivee",
        ),
    ],
    # ... unless they do not answer or have not come: then it is still an emergency.
    # ... or when the call was another day, or they have left again: an emergency now.
    "help_missing": [
        ("pas|plus|jamais|personne|rien|occupe|sonne|attente|toujours",),
        ("hier|avant hier|semaine|dernier|derniere|repart*|parti|partis|de nouveau|encore|recommence*",),
    ],
    # Someone threatening to kill the person writing (« il dit qu'il va me tuer »): an emergency,
    # not the suicidal thoughts « me tuer » says otherwise (set n, 2026-12-01).
    "threatened": [
        (
            "il va me tuer|elle va me tuer|ils vont me tuer|il veut me tuer|elle veut me tuer|ils veulent me tuer"
            "|il menace de me tuer|elle menace de me tuer|menace de me tuer",
        ),
    ],
    "suicidal_thoughts": [
        # naming suicide; wishing to die, to disappear, to end it
        ("suicide*|suicider|suicidaire*",),
        ("tentative d autolyse|autolyse|une ts|un ts|une t s|ma ts|sa ts|des ts|derniere ts|premiere ts",),
        (
            "me|se|te|m",
            "tuer|pendre!|foutre en l air|flinguer|tirer une balle!|faire sauter la cervelle|defenestrer|buter!",
        ),
        ("pendaison",),
        # "je vais me tailler les veines"
        ("tailler|ouvrir|couper|entailler|taille|ouvre|coupe", "les veines|mes veines|ses veines|tes veines"),
        # not "en finir" alone: "pour en finir avec les déserts médicaux"
        ("veux|jveux|vais|jvais|veut|envie|voudrais|besoin|voulait|voulais|voudrait|veulent", "en finir"),
        # set i, 2026-11-30 (seventh session): « tout serait plus simple s'il n'était plus là »,
        # « je vais tout arrêter ce soir »
        (
            "plus simple|mieux|plus facile",
            "si je n etais plus la|s il n etait plus la|si elle n etait plus la|si j etais plus la|sans moi",
        ),
        ("tout arreter", "medicaments|medocs|cachets|comprimes|pilules|corde|fusil|pistolet"),
        # « tout le monde serait soulagé si je partais pour de bon » (set g, 2026-11-30)
        (
            "soulage*|debarrasse*|tranquille*",
            "si je disparaissais|si je mourais|si je n etais plus la|si j etais plus la|sans moi",
        ),
        ("soulage*|debarrasse*|tranquille*", "partais|partirais", "pour de bon|pour toujours|definitivement"),
        ("partir|partais|disparaitre", "pour de bon|pour toujours|definitivement", "soulage*|debarrasse*|personne"),
        ("tout arreter", "ce soir|cette nuit|maintenant", "medicaments|medocs|cachets|comprimes|pilules"),
        ("fusil!|carabine|pistolet|revolver|arme!", "en finir|me tuer|se tuer"),
        # « il a dit qu'il allait prendre le fusil, les dettes… » (set j, 2026-11-30)
        (
            "prendre le fusil|prendre son fusil|sortir le fusil|sortir son fusil|au fusil|la carabine",
            "dettes|plus envie|marre|foutu|plus la force|desespere*",
        ),
        ("dit|parle|menace*", "prendre le fusil|prendre son fusil|se tirer une balle|me tirer une balle"),
        ("dettes|plus envie|marre|foutu|desespere*", "au fusil|prendre le fusil|prendre son fusil|la carabine"),
        ("pense au fusil|pense a la corde|pense a me pendre|pense a sauter",),
        # the medicines ready « pour ne plus souffrir », « arrêter de souffrir pour de bon »,
        # « plus rien ne me retient » (set k, 2026-11-30)
        (
            "prepare*|pret|prets|prete|pretes",
            "medicament*|medocs|cachets!|comprimes|pilules",
            "ne plus souffrir|en finir|pour de bon",
        ),
        ("arreter de souffrir|ne plus souffrir", "pour de bon|pour toujours|definitivement"),
        ("a quoi bon", "plus rien ne me retient|rien ne me retient|plus envie"),
        ("plus rien ne me retient ici|plus rien ne me retient dans la vie|plus rien ne me retient en vie",),
        # « il dit qu'il a fait son temps et qu'il veut la rejoindre » (set j, 2026-11-30)
        ("fait son temps|fait mon temps", "veut la rejoindre|veut le rejoindre|rejoindre|mourir|en finir"),
        # « j'ai envie de tout arrêter définitivement » (set h, 2026-11-30); not « arrêter de fumer »
        (
            "envie|veux|voudrais|vais|besoin",
            "tout arreter definitivement|tout arreter pour de bon|tout arreter pour toujours|en finir definitivement",
        ),
        # an overdose taken on purpose (set g, 2026-11-30)
        ("pris|prend|avale*|gobe*", _SEDATIVES, "l a fait expres|la fait expres|fait expres|volontairement"),
        # joining someone who died: « depuis la mort de Jean, je voudrais le rejoindre »
        ("mort!|morte|deces|decede*|perdu mon|perdu ma|partie", "le rejoindre|la rejoindre|les rejoindre"),
        (
            "mort!|morte|deces|decede*|perdu mon|perdu ma|partie",
            "veux|voudrais|envie|aimerais|vais",
            "le rejoindre|la rejoindre|les rejoindre",
        ),
        ("medicament*|medocs|cachets!|comprimes|pilules|somniferes|corde!|de quoi", "pour en finir|en finir"),
        # the means ready: "j'ai la corde dans la grange" (not "une corde pour le bateau")
        (
            "ai|jai|prepare*|accroche*|installe*",
            "la corde|une corde",
            "grange|grenier|poutre|arbre|pret|prete|prepare*|cou",
        ),
        ("mettre!|mis", "fin|un terme!|terme!", "jours!|vie|existence"),
        # "je vais tout arrêter, la ferme et ma vie avec" (not "ma vie professionnelle": blanked)
        # "j'ai pensé à prendre tous mes médicaments d'un coup"
        (
            "pense*|envie|veux|vais|jvais|jveux",
            "prendre!|avaler",
            "tous mes|toutes mes|toute ma|toute la|tous les|toutes les",
            _SEDATIVES + "|boite*|plaquette*",
        ),
        # a farewell message, fear that someone will act
        ("message|lettre|mot!|texto|sms!|mail", "d adieu|dire adieu|pour dire adieu"),
        ("peur|crains|crain*|pourrait|risque", "passe* a l acte|passer a l acte"),
        # not "finir ma vie à Foix", "finir mes jours à la campagne": retirement, not an alarm
        ("arreter|arrete|arreterai", "ma vie|la vie aussi"),
        (
            "envie|veux|jveux|veut|voudrais|aimerais|prefere*!|souhaite*|mieux!|reve",
            "mourir!|mourrir|disparaitre*"
            "|plus vivre!|crever!|etre mort*|plus etre la|plus etre ici|plus exister|plus etre en vie"
            "|plus etre de ce monde|plus etre vivant*",
        ),
        ("plus", "envie", "vivre!"),
        # "je n'ai plus envie d'être là"
        ("plus", "envie", "d etre la|d etre ici|d exister|d etre en vie|de continuer"),
        # "ce serait plus simple de disparaître pour de bon"
        ("simple|facile", "de disparaitre*|de mourir!|d en finir"),
        # « comment on fait pour mourir sans souffrir », « ce soir c'est fini » with the means ready
        # (sets h and i, 2026-11-30)
        ("mourir!|mourrir|partir", "sans souffrir|sans douleur|sans avoir mal|en douceur"),
        ("prepare*|pret*!", "medicaments|medocs|cachets|comprimes|corde", "c est fini|ce sera fini|en finir|ce soir"),
        ("disparaitre*", "pour de bon|pour toujours|a jamais|definitivement"),
        ("raison!|raisons!", "vivre!"),
        ("a quoi bon", "vivre!|continuer"),
        ("en peux plus", "vie|vivre!"),
        ("marre|fatigue*|lasse!|las|ras le bol", "de vivre|d exister|d etre en vie"),
        ("pense*!", "disparaitre*|mourir!|mourrir|suicide*|plus etre la|a la corde|a me pendre!"),
        (
            "vie|vivre!|existence",
            "plus de sens|aucun sens|pas de sens|sert a rien|sert plus a rien|vaut pas la peine|vaut plus la peine",
        ),
        ("sert a rien|sert plus a rien|vaut pas la peine|vaut plus la peine", "de vivre|vivre!"),
        (
            "vois pas|sais pas|sais plus|vois plus|peux pas|peux plus|arrive plus|arrive pas",
            "continuer a vivre|continuer de vivre",
        ),
        (
            "vois plus|trouve plus|plus aucun",
            "interet|sens|but",
            "de vivre|a vivre|de la vie|a la vie|a ma vie|de ma vie|d exister|de continuer",
        ),
        ("idees|idee|pensees|pensee", "noires!|noire!|sombres!|morbides|de mort"),
        ("que tout s arrete|que tout cesse",),
        (
            "vais|va|peur de|envie de|risque de|pourrais",
            "faire une connerie|faire une grosse connerie|faire une grosse betise|faire quelque chose de grave",
        ),
        ("peur de|envie de", "faire une betise"),
        # others better off without me, a burden, a farewell letter
        (
            "mieux!|mieu",
            "sans moi|si j etais plus la|si je n etais plus la|si j etais mort*|si je disparaissais"
            "|si je mourais|si je n existais pas|si j existais pas",
        ),
        (
            "personne ne me regretterait|personne ne me regrettera|personne me regretterait|personne me regrettera"
            "|manquerai a personne|manquerais a personne|personne ne me pleurera",
        ),
        (
            "si je meurs|si je mourais|si je disparais|si je disparaissais|si j etais mort*|si je n etais plus la"
            "|si j etais plus la|si je n existais pas",
            "personne|tout le monde|mieux!|plus simple|plus facile|s en fiche*|s en fout|remarquer*|regrett*",
        ),
        ("personne ne", "remarquer*|verra|s apercevra", "quand je ne serai plus la|quand je serai plus la"),
        ("quand je ne serai plus la|quand je serai plus la", "personne ne", "remarquer*|verra|s apercevra"),
        (
            "personne|tout le monde|mieux!|plus simple|plus facile",
            "si je meurs|si je mourais|si je disparais"
            "|si je disparaissais|si j etais mort*|si je n etais plus la|si j etais plus la|si je n existais pas",
        ),
        (
            "suis un poids|suis qu un poids|suis juste un poids|suis devenu un poids|suis devenue un poids"
            "|suis un fardeau|suis qu un fardeau|suis devenu un fardeau|suis devenue un fardeau"
            "|suis une charge pour|sens comme un poids|sens comme un fardeau|suis un poid",
        ),
        ("poids pour ma famille|poids pour mes proches|poids pour tout le monde|poids pour les autres|fardeau pour",),
        (
            "lettre d adieu|lettres d adieu|lettre d adieux|leur dire adieu|dire adieu a ma famille"
            "|dire adieu a mes enfants|dire adieu au monde|dire adieu a la vie|dire adieu a tout le monde"
            "|dit adieu a tout le monde|dire adieu a tous|dire adieu a mes proches",
        ),
        # jumping, sleeping for ever, swallowing everything
        (
            "jeter!|jette!|jete|jeterai!|jetterai!|balancer|balance|lancer!|sauter!|saute!|sauterai!|plonger!",
            "d un pont|du pont|du haut d un|du haut de|par la fenetre|du balcon|du toit|dans le vide|d une falaise"
            "|du viaduc|d un immeuble|sous un train|sous le train|sous une voiture|sous un camion|sous le metro"
            "|sous un bus|sous les roues|sous un tgv|sous le tgv|sous un rer|devant un train|devant le train",
        ),
        (
            "endormir|dormir",
            "pour toujours|a jamais|definitivement|eternellement|et ne jamais|et ne plus jamais"
            "|et plus jamais|sans jamais me reveiller|et ne plus me reveiller",
        ),
        ("ne pas me reveiller|ne plus me reveiller|plus jamais me reveiller|jamais me reveiller",),
        (
            "veux|jveux|voudrais|envie|aimerais|prefere*!",
            "plus me reveiller|pas me reveiller|plu me reveiller|pu me reveiller",
        ),
        ("tous|toute|toutes", "cachets!|comprimes|medicaments|medocs|pilules|boite!", "avaler"),
        (
            "vais|veux|jveux|jvais|envie|voudrais|pourrais",
            "prendre|avaler|gober",
            "tous|toute|toutes",
            "cachets!|comprimes|medicaments|medocs|pilules|boite!|plaquette|somniferes",
        ),
        # set l (2026-11-30): a carer who would rather « partir tous les deux », all of someone's pills
        # and one's own, the medicines ready « to swallow everything », no longer a problem for
        # anyone, letters written to the family, on the bridge looking at the water, belongings given
        # away with goodbyes, « en finir avec la vie », a gun « pour tout arrêter », a pupil who
        # wanted to die, an old mother who stops eating and waits for death
        (
            "arriverai plus|en peux plus|tiens plus",
            "mieux!",
            "si on partait!|si nous partions!|si on s en allait!|qu on parte!|qu on s en aille!",
            "tous les deux|ensemble|pour de bon|pour toujours",
        ),
        ("prendre!|avaler", "toutes ses|tous ses", _SEDATIVES, "et les miennes|et les miens"),
        ("prepare*|sorti*|pret*!", "medicament*|medocs|cachets!|comprimes|pilules", "tout avaler|tout gober"),
        (
            "ne serai plus!|serai plus!|ne serais plus!|serais plus!",
            "un probleme|un poids|un fardeau|une charge",
            "pour personne|pour vous|pour eux|pour ma famille|pour mes enfants|pour mes proches",
        ),
        ("lettre*!", "ma famille|mes enfants|mes proches|mon mari|ma femme", "c est fini|fini pour moi|adieu"),
        (
            "sur le pont|au bord du pont|sur le viaduc|au bord de la falaise|au bord du vide",
            "regarde l eau|regarde le vide|regarde en bas|envie de sauter|vais sauter",
        ),
        (
            "donne*!|distribue*",
            "toutes ses affaires|tous ses biens|ses affaires|toutes mes affaires|tous mes biens",
            "au revoir|adieu|peur",
        ),
        ("en finir avec la vie|en finir avec sa vie|en finir avec ma vie|en finir avec l existence",),
        ("fusil!|carabine|pistolet|revolver", "pour tout arreter|tout arreter"),
        ("voulait|voulais|voulaient|voudraient", "mourir!|mourrir|se tuer|disparaitre pour toujours"),
        ("attend la mort|attends la mort|attendre la mort|attend de mourir|attends de mourir",),
        ("refuse de manger|mange plus|arrete de manger", "veut mourir|veut en finir|veut se laisser mourir"),
        # set m (2026-11-30): falling asleep at the wheel « ce serait pas plus mal », leaving « et ne
        # pas revenir », « tout arrêter » with no end in sight, a letter once one's things are in
        # order, a rope bought or « au bout de la corde », « ne serait plus là », joining a dead parent,
        # the whole box or pills « pour ne plus se réveiller », a gun looked at or ready « pour
        # partir », « adieu je t'aime », « tout réglé » with a letter, letting oneself die, a mother
        # with nothing left to do here who stops eating
        (
            "endormais au volant|endormir au volant|sortais de la route|sortir de la route",
            "pas plus mal|mieux!|plus simple",
        ),
        ("et ne pas revenir|et pas revenir|et ne jamais revenir|et ne plus revenir|et plus revenir",),
        ("tout arreter|tout stopper", "vois plus le bout|vois pas le bout|en peux plus|plus la force"),
        ("vois plus le bout|vois pas le bout|en peux plus|plus la force", "tout arreter|tout stopper"),
        ("prepare mes affaires|range mes affaires|regle mes affaires", "lettre*!"),
        ("achete une corde|acheter une corde|au bout de la corde|au bout d une corde",),
        ("soeur|frere|fils|fille!|mari!|femme!|pere|mere", "ne serait plus la|serait plus la"),
        (
            "mort!|decede*|veuf|veuve",
            "je me dis|je pense|j ai envie|je voudrais|je pourrais",
            "le rejoindre|la rejoindre|les rejoindre",
        ),
        (
            "va bientot rejoindre|vais bientot rejoindre|va bientot retrouver|vais bientot retrouver",
            "maman|papa|ma femme|mon mari|sa femme|son mari|ma mere|mon pere|sa mere|son pere",
        ),
        ("si je prends|si je prenais|si j avale|si j avalais", "toute la boite|toute la plaquette|tout le tube"),
        (
            "comprimes|cachets!|medicaments|medocs|pilules",
            "pour ne plus se reveiller|pour ne plus me reveiller|pour plus se reveiller|pour ne pas se reveiller",
        ),
        ("regarde*", "le fusil|la carabine|son fusil|sa carabine|mon fusil|ma carabine"),
        ("en finir", "fusil!|carabine|pistolet|revolver"),
        ("fusil!|carabine|pistolet|revolver", "pour partir|partir avant|pour en finir"),
        ("adieu je t aime|adieu je vous aime|adieu mon amour",),
        ("tout regle|c est fini pour moi", "lettre*!"),
        ("se laisser mourir|me laisser mourir",),
        ("plus rien a faire ici", "mange plus|arrete de manger"),
        ("veut|voudrait|veulent", "prendre|avaler|gober", "toutes ses|tous ses", _SEDATIVES),
        # set n, 2026-12-01: a threat to swallow all of them, never waking up wished, « vous serez
        # tranquilles », « faire une bêtise » feared, doing as a father who hanged himself,
        # « aller au bout » with everything ready
        (
            "va|vais|vas|menace*",
            "avaler|gober",
            "toutes ses|tous ses|toute la|toute sa|toutes mes|tous mes|toute ma",
            _SEDATIVES,
        ),
        (
            "me reveille pas|me reveille plus|me reveillerai pas|me reveillerais pas",
            "ca m irait|m irait|tant mieux|ce serait bien|serait pas plus mal|ce serait pas plus mal|ca me va",
        ),
        ("bientot|un jour|demain", "serez tranquilles|seras tranquille|serez debarrasses|seras debarrasse"),
        (
            "peur qu il fasse une betise|peur qu elle fasse une betise|peur qu il fasse une connerie"
            "|peur qu elle fasse une connerie|peur qu il fasse un malheur|peur qu elle fasse un malheur"
            "|peur qu il commette l irreparable|peur qu elle commette l irreparable",
        ),
        (
            "faire comme son pere|faire comme sa mere|faire comme son frere|faire comme mon pere|faire comme ma mere"
            "|faire comme son grand pere|faire comme son oncle|faire comme mon frere",
            "pendu|pendue|suicide*|tue|tuee|fusil|corde",
        ),
        (
            "cette nuit|ce soir",
            "aller au bout|jusqu au bout|vais au bout",
            "tout ce qu il faut|tout ce qu il me faut",
        ),
        ("mieux si on partait tous les deux|mieux si on partait ensemble|mieux si on mourait tous les deux",),
        (
            "prepare*",
            "les cachets|mes cachets|les medicaments|mes medicaments|les comprimes|mes comprimes|les medocs|la corde",
            "c est ce soir|c est pour ce soir|c est cette nuit|c est le moment|c est pour cette nuit",
        ),
        (
            "lettres a mes enfants|lettre a mes enfants|lettres a ma famille|lettre a ma famille|lettres a mes proches"
            "|lettre a mes proches|lettres a tout le monde",
            "dire au revoir|adieu*|pardon",
        ),
        (
            "donne*!|distribue*|offert|vendu",
            "il dit qu il n en aura plus besoin|elle dit qu elle n en aura plus besoin|il n en aura plus besoin"
            "|elle n en aura plus besoin",
        ),
        ("se mettre une balle|me mettre une balle|te mettre une balle|se mettre un coup de fusil",),
        ("un plan|une idee|un moyen|la methode", "pour mourir|pour me tuer|pour se tuer"),
        ("la corde|une corde", "dans la grange|au grenier|a la poutre|dans le garage|est prete|est preparee"),
        (
            "pense*|envie",
            "sauter de ma fenetre|sauter de la fenetre|me jeter de ma fenetre|me jeter de la fenetre",
        ),
        ("envie de rien", "plus de vivre|de vivre"),
        (
            "sert plus a rien|sers plus a rien|suis plus bon a rien|est plus bon a rien",
            "le fusil|son fusil|la carabine|la corde",
        ),
        ("c est la fin pour moi|c est fini pour moi", "adieu"),
        (
            "fatigue de tout|fatiguer de tout|fatiguee de tout",
            "partir pour de bon|partir pour toujours|disparaitre pour de bon|disparaitre pour toujours",
        ),
        (
            "si je tiendrai cette nuit|si je vais tenir cette nuit|tiendrai pas cette nuit|vais pas tenir cette nuit"
            "|tiendrai pas jusqu a demain",
        ),
        # self-harm
        ("scarifie*|scarification*|automutil*|mutile!",),
        (
            "me taillade*|me lacere*|me mutile*|m entaille*|me charcute*|me fais des entailles|me faire des entailles"
            "|me fais des coupures|me faire des coupures|me fais saigner!|me faire saigner!",
        ),
        (
            "me suis coupe*!|me suis entaille*!|me suis blesse*!|me suis fait saigner!",
            "expres|volontairement|pour avoir mal|pour me faire mal|pour me punir|jusqu au sang",
        ),
        (
            "me coupe!|me couper!|me coupais!",
            "bras|poignet*|veines!|cuisse*|ventre!|lame*|lame de rasoir|cutter!"
            "|compas|expres|volontairement|pour avoir mal|pour me faire mal|jusqu au sang",
        ),
        (
            "lame de rasoir|lames de rasoir|lame|lames!|cutter!",
            "bras|poignet*|veines!|cuisse*|me couper!|me faire mal|me taillader|cicatrice*",
        ),
        ("ouvrir|couper|taillader|trancher", "les veines|mes veines|ses veines|les poignets|mes poignets"),
        ("me fais du mal|me faire du mal",),
        # set o, 2026-12-01 (twelfth session): tired of everything and wanting it to stop, « il voulait
        # plus vivre » with a sign of worry, a box of sleeping pills « pour ne pas se réveiller »,
        # falling asleep and not waking up, medicines kept « pour ça » by someone who wants to go,
        # joining a brother who died, wanting to disappear without hurting anyone, « qu'il allait
        # sauter ce soir », the whole medicine cabinet « ce sera fini », belongings given away with
        # worry, leaving forever with everything tidied, « si je le quitte il se tue », a service
        # weapon « sur moi », no reason to wake up tomorrow, praying not to wake up
        ("fatigue de tout|fatiguee de tout|plus la force|plus envie de rien", "que ca s arrete|que tout s arrete"),
        ("que tout s arrete", "pour de bon|pour toujours|definitivement"),
        (
            "voulait plus vivre|veut plus vivre|veux plus vivre",
            "s enferme*|je fais quoi|inquiet*|pleure*|mange plus|sort plus",
        ),
        (
            "boite|boites|plaquette*",
            "somnifere*|medicament*|cachet*!|comprime*",
            "ne pas se reveiller|ne plus se reveiller|ne pas me reveiller|ne plus me reveiller|pour mourir",
        ),
        (
            "m endormais|m endormir|m endormirais",
            "ne me reveillais pas|ne plus me reveiller|ne jamais me reveiller|ne me reveillerais pas"
            "|ne me reveille plus",
        ),
        (
            "veut partir et|veux partir et|voulait partir et",
            "garde*|stocke*|cache*|accumule*",
            "medicament*|cachet*!|comprime*|medocs",
            "pour ca|pour en finir|pour mourir|pour le jour",
        ),
        (
            "rejoindre|rejoins|rejoindrai",
            _RELATIVE_WHO_DIED,
        ),
        (
            "veux disparaitre|voudrais disparaitre|aimerais disparaitre|pour disparaitre|envie de disparaitre",
            "sans faire de peine|sans faire de mal a|sans que personne|sans deranger personne",
        ),
        (
            "qu il allait sauter ce soir|qu elle allait sauter ce soir|qu il va sauter ce soir"
            "|qu elle va sauter ce soir",
        ),
        (
            "prends tout|prenais tout|avale tout|avalais tout",
            "armoire a pharmacie|medicament*|medocs|cachet*!|comprime*",
            "sera fini|serait fini|en finir|mourir",
        ),
        ("tout ce qu il y a dans l armoire a pharmacie|toute l armoire a pharmacie", "sera fini|serait fini|en finir"),
        (
            "donne ses affaires|donne toutes ses affaires|donne ses bijoux|donne ses biens|distribue ses affaires",
            "inquiet*|parle plus|plus gout|plus envie|prie*",
        ),
        (
            "je prevois de partir|je vais partir|je pars|je compte partir",
            "pour toujours|pour de bon|definitivement",
            "tout range|j ai tout range|tout rangee|adieu*",
        ),
        ("quitte|pars|partais", "il se tue|elle se tue|il se tuera|elle se tuera"),
        (
            "arme!|arme de service|fusil!|pistolet|revolver|carabine",
            "m en servir sur moi|m en servir contre moi|la retourner contre moi|le retourner contre moi",
        ),
        (
            "vois pas|voit pas|voyait pas|voyais pas|vois plus|voit plus",
            "pourquoi|l interet",
            "se reveillerait|me reveillerais|me reveiller demain|se reveiller demain",
        ),
        ("prie*", "ne plus se reveiller|ne plus me reveiller|ne jamais se reveiller|ne jamais me reveiller"),
    ],
    # Not an alarm: a request for a drug or a dose gets "no medical advice, see a doctor"
    # whatever the classifier thought. Diagnoses are left to the classifier ("diagnostic"
    # has other meanings for doctors).
    "medical_advice": [
        ("posologie|dosage",),
        ("quelle|combien|quel", "dose|doses|mg|milligrammes|comprimes|cachets!|gelules|gouttes"),
        ("quel|quels|quelle|quelles", "medicament*|antibiotique*|sirop|pommade|antidouleur*"),
        # "que prendre pour la toux" — not "afin que je puisse prendre rendez-vous pour…"
        (
            "que prendre|quoi prendre|que donner|quoi donner|que je peux prendre|que je peux donner|que je dois prendre"
            "|qu on peut donner|qu on peut prendre",
            "pour|contre!",
        ),
        (
            "peux|puis|peut|dois|doit|faut",
            "prendre|donner",
            "doliprane|paracetamol|ibuprofene|advil|aspirine"
            "|antibiotique*|medicament*|dafalgan|efferalgan|spasfon|smecta",
        ),
    ],
}

# Figures of speech and other harmless phrases, blanked before matching: "je vais mourir de rire",
# "le numéro d'appel du SAMU", "elle ne bouge plus de chez elle".
FIGURES_OF_SPEECH = (
    "mourir de rire|mort de rire|morte de rire|meurs de rire|meurt de rire|creve d envie|crever d envie|corde a sauter"
    "|corde a linge|cordes a linge"
    "|meurs d envie|meurt d envie|mourir d envie|mourir d ennui|meurs d ennui|meurs de faim|meurt de faim"
    "|mourir de faim|crever de faim|meurs de soif|meurs de chaud|crever de chaud|mourir de chaud|meurs de froid"
    "|mourir de froid|meurs de fatigue|meurs d impatience|meurs de honte|meurs de peur|crever l abces"
    "|tirer une balle dans le pied|mettre une balle dans le pied|une balle dans le pied"
    "|disparaitre de votre|disparaitre de vos|disparaitre de la liste"
    "|numero d appel|numeros d appel|numero d urgence|numeros d urgence|premiers secours|samu social"
    "|secours populaire|secours catholique"
    # dying at home, as one wishes: end-of-life care, not an alarm
    "|mourir chez elle|mourir chez lui|mourir chez soi|mourir a la maison|mourir a domicile|mourir dans son lit"
    "|quand appeler|quand faut il appeler|quand doit on appeler|dans quels cas appeler|dans quel cas appeler"
    "|bouge plus de chez|bouge pas de chez|bouge plus de la maison|bouge plus de son lit|bouge plus beaucoup"
    "|reveille pas la nuit|reveille plus la nuit|reveille la nuit|reveiller la nuit|reveiller en pleine nuit"
    "|reveiller trop tot|reveille pas le matin|respire mal par le nez|respire pas par le nez|respire mal du nez"
    "|medecin traitant|medecins traitants|pris trop de poids|pris beaucoup de poids|prise de poids|parler a"
    "|parler au|parler aux|parler avec|parler de|parler en|parler anglais|parler francais|parle pas francais"
    "|parle mal francais|parle mal le francais|ma vie professionnelle|ma vie active|ma vie pro"
    "|ma vie de medecin|ma vie de famille"
    # "plus envie d'être là-bas", "… d'être là à attendre": a place or a wait, not life
    "|etre la bas|etre la a attendre|etre la a faire"
    # said not to be urgent, or asked whether it is serious: no alarm from these words alone
    "|pas une urgence vitale|pas une urgence|pas urgent|pas d urgence|si c est grave|est ce grave"
    "|sans que ce soit une urgence|sans que ce soit urgent"
    "|pas fait expres|pas fais expres|pas expres"
    "|est ce que c est grave|c est grave ou pas"
    "|pas grave au point d appeler|pas au point d appeler|pas besoin d appeler|pas la peine d appeler|sans appeler"
    # "plus envie de continuer mes études": a career, not life
    "|continuer mes etudes|continuer a exercer|continuer mon activite|continuer a travailler|continuer en liberal"
    # a holiday, the deserts: not life (set n, 2026-12-01)
    "|partait tous les deux en vacances|partait ensemble en vacances|partait tous les deux en voyage"
    "|en finir avec les deserts|en finir avec le desert|en finir avec la desertification"
    # where to live, not whether to; working oneself to death (set o, 2026-12-01)
    "|plus vivre a la campagne|plus vivre a paris|plus vivre a toulouse|plus vivre a montpellier"
    "|se tue a la tache|se tue au travail|me tue a la tache|me tue au travail|se tuent au travail|se tuer au travail"
    "|se tuer a la tache"
)

# Words that are an alarm only when they make (almost) the whole message: "urgence !!!",
# "c urgent svp" — but not "c'est urgent pour un renouvellement d'ordonnance".
SHORT_MESSAGE_WORDS = {"urgence", "urgent", "urgente", "urgences", "secours", "help", "sos"}
SHORT_MESSAGE_LENGTH = 4  # "c'est une urgence"

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_words(text: str) -> list[str]:
    plain = strip_accents(text.lower().replace("œ", "oe"))
    return _NON_WORD.sub(" ", plain).split()


@dataclass(frozen=True)
class _Word:
    """One word of a pattern: "respir" with prefix=True for "respir*"."""

    text: str
    prefix: bool
    exact: bool  # no typo tolerance: short words, and words marked "!"


def _compile(group: str) -> tuple[tuple[_Word, ...], ...]:
    alternatives = []
    for option in group.split("|"):
        exact = option.endswith("!")
        option = option.rstrip("!")
        prefix = option.endswith("*")
        words = option.rstrip("*").split()
        alternatives.append(
            tuple(_Word(w, prefix and i == len(words) - 1, exact or len(w) < 5) for i, w in enumerate(words))
        )
    return tuple(alternatives)


_COMPILED = {kind: [tuple(_compile(g) for g in sign) for sign in signs] for kind, signs in SIGNS.items()}
_FIGURES = _compile(FIGURES_OF_SPEECH)
_ALL_WORDS = {w for signs in _COMPILED.values() for sign in signs for group in sign for alt in group for w in alt}
_ALL_WORDS |= {w for alt in _FIGURES for w in alt}


# An index of pattern words, so that each token is compared with a few candidates only.
def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_BY_TEXT: dict[str, set[_Word]] = {}  # the token itself
_BY_PREFIX: dict[str, set[_Word]] = {}  # a beginning of the token ("respir*")
_FUZZY: dict[str, set[_Word]] = {}  # the word and its one-letter deletions: candidates one letter away
for _w in _ALL_WORDS:
    _BY_TEXT.setdefault(_w.text, set()).add(_w)
    if _w.prefix:
        _BY_PREFIX.setdefault(_w.text, set()).add(_w)
    if not _w.exact:
        for _key in _deletions(_w.text) | {_w.text}:
            _FUZZY.setdefault(_key, set()).add(_w)
_STEM_CUTS = sorted(
    {n for w in _ALL_WORDS if w.prefix and not w.exact for n in (len(w.text) - 1, len(w.text), len(w.text) + 1)}
)


def _one_letter_away(text: str) -> set[_Word]:
    candidates = set()
    for key in _deletions(text) | {text}:
        candidates |= _FUZZY.get(key, set())
    return candidates


@lru_cache(maxsize=20000)
def _words_matching(token: str) -> frozenset[_Word]:
    """The pattern words that `token` matches: equal, a prefix, or one letter away."""
    found = set(_BY_TEXT.get(token, ()))
    for n in range(1, len(token)):
        found |= _BY_PREFIX.get(token[:n], set())
    for w in _one_letter_away(token):  # "poitrne", "respirre"
        if not w.prefix and Levenshtein.distance(token, w.text) <= 1:
            found.add(w)
    for cut in {token[:n] for n in _STEM_CUTS}:  # "inconsiente": one letter off in the stem, whatever the ending
        for w in _one_letter_away(cut):
            if (
                w.prefix
                and len(cut) in (len(w.text) - 1, len(w.text), len(w.text) + 1)
                and Levenshtein.distance(cut, w.text) <= 1
            ):
                found.add(w)
    return frozenset(found)


def _length_at(alternative: tuple[_Word, ...], matched: list[frozenset[_Word]], start: int) -> int:
    """How many tokens `alternative` covers at `start` (0: no match)."""
    if start + len(alternative) > len(matched):
        return 0
    return len(alternative) if all(w in matched[start + i] for i, w in enumerate(alternative)) else 0


def _starts(alternatives, matched, positions: dict[_Word, list[int]]):
    for alternative in alternatives:
        for start in positions.get(alternative[0], ()):
            covered = _length_at(alternative, matched, start)
            if covered:
                yield start, covered


def _matches(sign, matched: list[frozenset[_Word]], positions: dict[_Word, list[int]]) -> bool:
    def match_from(group_index: int, start: int) -> bool:
        if group_index == len(sign):
            return True
        for position in range(start, min(len(matched), start + MAX_GAP + 1)):
            for alternative in sign[group_index]:
                covered = _length_at(alternative, matched, position)
                if covered and match_from(group_index + 1, position + covered):
                    return True
        return False

    return any(match_from(1, start + covered) for start, covered in _starts(sign[0], matched, positions))


def _positions(matched: list[frozenset[_Word]]) -> dict[_Word, list[int]]:
    positions: dict[_Word, list[int]] = {}
    for index, words in enumerate(matched):
        for word in words:
            positions.setdefault(word, []).append(index)
    return positions


ALARMS = ("suicidal_thoughts", "emergency", "emergency_called")


def detect(text: str) -> str | None:
    """'suicidal_thoughts', 'emergency_called', 'emergency', 'medical_advice' or None, in that
    order of priority."""
    tokens = normalize_words(text)[:2000]  # a 5,000-character message stays fast
    matched = [_words_matching(token) for token in tokens]
    positions = _positions(matched)
    figures = list(_starts(_FIGURES, matched, positions))
    if figures:
        for start, covered in figures:
            matched[start : start + covered] = [frozenset()] * covered
        positions = _positions(matched)

    def found(kind: str) -> bool:
        return any(_matches(sign, matched, positions) for sign in _COMPILED[kind])

    if found("threatened"):
        return "emergency"
    if found("suicidal_thoughts"):
        return "suicidal_thoughts"
    danger = found("emergency") or (found("event") and not found("not_now"))
    if found("help_called") and not found("help_missing") and not danger:
        return "emergency_called"  # only "j'ai appelé le 15, ils arrivent": no new sign of danger
    if danger or found("calls_for_help"):
        return "emergency"
    blanked = {index for start, covered in figures for index in range(start, start + covered)}
    said = {token for index, token in enumerate(tokens) if index not in blanked}  # not "c'est pas urgent"
    if 0 < len(tokens) <= SHORT_MESSAGE_LENGTH and SHORT_MESSAGE_WORDS & said:
        return "emergency"
    if found("medical_advice"):
        return "medical_advice"
    return None
