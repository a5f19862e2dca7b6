/**
 * The symbols Chorus offers, by our own stable concept id.
 *
 * Pages and stored data refer to a symbol by `id` only, never by OpenMoji hexcode, so a forum
 * can later swap in its own licensed image for a concept without touching the pages.
 * Never rename or remove an id: ids are stored in the database. Relabel or repoint it instead.
 * The pictures are OpenMoji (https://openmoji.org, CC BY-SA 4.0), copied unchanged into
 * symbols/openmoji/<hexcode>.svg by `npm run symbols` and checked in.
 *
 * This file is the one source of truth: scripts/copy-symbols.js reads the entries below with a
 * regular expression, so keep each entry on ONE line in exactly this shape, with single quotes
 * (and so no apostrophes: write "do not", not "don't"):
 *   { id: 'kebab-case-id', hexcode: 'HEXCODE', label: 'Plain English name', topic: 'topic' },
 *   { id: 'kebab-case-id', hexcode: 'HEXCODE', label: 'Plain English name', topic: 'topic', tags: 'extra search words' },
 * `label` is the English alt text (translated labels come later). `tags` is optional: lower-case
 * words, separated by spaces, that search also matches (synonyms, British and other spellings).
 * Choose a picture without a flag, skin tone (keep the default yellow), weapon, alcohol, or a
 * religious or political sign. Within the topics people pick from, each picture is used once; a
 * picker entry may share its picture with a status or board entry (school, hospital, listen).
 */
import { foldForMatching } from '../text';

export const SYMBOL_TOPICS = [
	'status',
	'board',
	'feelings',
	'answers',
	'people',
	'activities',
	'places',
	'school',
	'food',
	'support',
	'health',
	'communication',
	'travel',
	'things'
] as const;
export type SymbolTopic = (typeof SYMBOL_TOPICS)[number];

/** The topics people choose symbols from (survey answers, one-page profiles): all but the board's own. */
export const PICKABLE_TOPICS = [
	'feelings',
	'answers',
	'people',
	'activities',
	'places',
	'school',
	'food',
	'support',
	'health',
	'communication',
	'travel',
	'things'
] as const satisfies readonly Exclude<SymbolTopic, 'status' | 'board'>[];
export type PickableTopic = (typeof PICKABLE_TOPICS)[number];

/** English names of the topics, for pickers and headings until they are translated. */
export const SYMBOL_TOPIC_LABELS: Readonly<Record<SymbolTopic, string>> = {
	status: 'Board status',
	board: 'Feedback board',
	feelings: 'Feelings',
	answers: 'Answers',
	people: 'People',
	activities: 'Activities',
	places: 'Places',
	school: 'School and college',
	food: 'Food and drink',
	support: 'Ways to help me',
	health: 'Health and care',
	communication: 'Communication',
	travel: 'Travel',
	things: 'Things I like'
};

export const catalogue = [
	// Board statuses: what happened to something a child or young person said.
	{ id: 'status-heard', hexcode: '1F442', label: 'Heard', topic: 'status' },
	{ id: 'status-working-on-it', hexcode: '1F6E0', label: 'Working on it', topic: 'status' },
	{ id: 'status-done', hexcode: '2705', label: 'Done', topic: 'status' },
	{ id: 'status-not-possible', hexcode: '274C', label: 'Not possible', topic: 'status' },
	// Feedback and the "You said, we did" board.
	{ id: 'you-said', hexcode: '1F4AC', label: 'You said', topic: 'board' },
	{ id: 'we-did', hexcode: '1F91D', label: 'We did', topic: 'board' },
	{ id: 'voices', hexcode: '1F465', label: 'Voices', topic: 'board' },
	{ id: 'calendar', hexcode: '1F4C5', label: 'Calendar', topic: 'board', tags: 'date when' },
	{ id: 'service-school', hexcode: '1F3EB', label: 'School', topic: 'board' },
	{ id: 'service-health', hexcode: '1F3E5', label: 'Health service', topic: 'board', tags: 'hospital nhs' },
	{ id: 'search', hexcode: '1F50D', label: 'Search', topic: 'board', tags: 'find look for' },
	{ id: 'help', hexcode: '2139', label: 'Help', topic: 'board', tags: 'information info' },
	// Feelings, from very sad to very happy, then other feelings.
	{ id: 'very-sad', hexcode: '1F622', label: 'Very sad', topic: 'feelings', tags: 'crying upset' },
	{ id: 'sad', hexcode: '1F641', label: 'Sad', topic: 'feelings', tags: 'unhappy down' },
	{ id: 'okay', hexcode: '1F610', label: 'Okay', topic: 'feelings', tags: 'ok alright fine' },
	{ id: 'happy', hexcode: '1F600', label: 'Happy', topic: 'feelings', tags: 'good glad' },
	{ id: 'very-happy', hexcode: '1F604', label: 'Very happy', topic: 'feelings', tags: 'great brilliant' },
	{ id: 'calm', hexcode: '1F60C', label: 'Calm', topic: 'feelings', tags: 'relaxed peaceful relieved' },
	{ id: 'worried', hexcode: '1F61F', label: 'Worried', topic: 'feelings', tags: 'anxious nervous anxiety' },
	{ id: 'scared', hexcode: '1F628', label: 'Scared', topic: 'feelings', tags: 'afraid frightened fear' },
	{ id: 'angry', hexcode: '1F620', label: 'Angry', topic: 'feelings', tags: 'cross mad' },
	{ id: 'frustrated', hexcode: '1F624', label: 'Frustrated', topic: 'feelings', tags: 'annoyed fed up' },
	{ id: 'tired', hexcode: '1F971', label: 'Tired', topic: 'feelings', tags: 'sleepy yawn' },
	{ id: 'excited', hexcode: '1F929', label: 'Excited', topic: 'feelings', tags: 'thrilled' },
	{ id: 'confused', hexcode: '1F615', label: 'Confused', topic: 'feelings', tags: 'puzzled do not understand' },
	{ id: 'surprised', hexcode: '1F632', label: 'Surprised', topic: 'feelings', tags: 'shocked amazed' },
	{ id: 'embarrassed', hexcode: '1F633', label: 'Embarrassed', topic: 'feelings', tags: 'shy' },
	{ id: 'bored', hexcode: '1F611', label: 'Bored', topic: 'feelings', tags: 'fed up' },
	{ id: 'lonely', hexcode: '1F614', label: 'Lonely', topic: 'feelings', tags: 'alone left out' },
	{ id: 'overwhelmed', hexcode: '1F92F', label: 'Overwhelmed', topic: 'feelings', tags: 'too much stressed stress' },
	{ id: 'loved', hexcode: '1F970', label: 'Loved', topic: 'feelings', tags: 'love cared for' },
	{ id: 'funny', hexcode: '1F602', label: 'Funny', topic: 'feelings', tags: 'laugh laughing joke' },
	// Answers.
	{ id: 'yes', hexcode: '1F44D', label: 'Yes', topic: 'answers', tags: 'agree thumbs up' },
	{ id: 'no', hexcode: '1F44E', label: 'No', topic: 'answers', tags: 'disagree thumbs down' },
	{ id: 'not-sure', hexcode: '1F914', label: 'Not sure', topic: 'answers', tags: 'unsure thinking maybe' },
	{ id: 'like', hexcode: '2764', label: 'I like it', topic: 'answers', tags: 'love good favourite' },
	{ id: 'do-not-like', hexcode: '1F645', label: 'I do not like it', topic: 'answers', tags: 'dislike hate' },
	{ id: 'do-not-know', hexcode: '1F937', label: 'I do not know', topic: 'answers', tags: 'unsure maybe' },
	{ id: 'good', hexcode: '1F44C', label: 'Good', topic: 'answers', tags: 'ok fine' },
	{ id: 'a-little', hexcode: '1F90F', label: 'A little', topic: 'answers', tags: 'bit small some' },
	{ id: 'never', hexcode: '1F6AB', label: 'Never', topic: 'answers', tags: 'no not' },
	{ id: 'something-else', hexcode: '2795', label: 'Something else', topic: 'answers', tags: 'other more' },
	{ id: 'rather-not-say', hexcode: '1F910', label: 'I would rather not say', topic: 'answers', tags: 'prefer not to say skip private' },
	// People: family, friends and the adults around a young person.
	{ id: 'me', hexcode: '1F9D1', label: 'Me', topic: 'people', tags: 'myself i person' },
	{ id: 'mum', hexcode: '1F469', label: 'Mum', topic: 'people', tags: 'mother mom mam mummy parent' },
	{ id: 'dad', hexcode: '1F468', label: 'Dad', topic: 'people', tags: 'father daddy parent' },
	{ id: 'family', hexcode: '1F9D1-200D-1F9D1-200D-1F9D2', label: 'Family', topic: 'people', tags: 'parents home people' },
	{ id: 'carer', hexcode: '1F9D1-200D-1F9D2', label: 'Carer', topic: 'people', tags: 'parent guardian foster adult' },
	{ id: 'brother', hexcode: '1F466', label: 'Brother', topic: 'people', tags: 'boy sibling' },
	{ id: 'sister', hexcode: '1F467', label: 'Sister', topic: 'people', tags: 'girl sibling' },
	{ id: 'baby', hexcode: '1F476', label: 'Baby', topic: 'people', tags: 'little' },
	{ id: 'grandma', hexcode: '1F475', label: 'Grandma', topic: 'people', tags: 'nan nana granny grandmother grandparent' },
	{ id: 'grandad', hexcode: '1F474', label: 'Grandad', topic: 'people', tags: 'grandpa grandfather grandparent' },
	{ id: 'friends', hexcode: '1F9D1-200D-1F91D-200D-1F9D1', label: 'Friends', topic: 'people', tags: 'friend mates pals' },
	{ id: 'teacher', hexcode: '1F9D1-200D-1F3EB', label: 'Teacher', topic: 'people', tags: 'teaching assistant ta staff' },
	// Activities: things to do, for "what I like doing".
	{ id: 'football', hexcode: '26BD', label: 'Football', topic: 'activities', tags: 'soccer sport ball' },
	{ id: 'basketball', hexcode: '1F3C0', label: 'Basketball', topic: 'activities', tags: 'sport ball' },
	{ id: 'swimming', hexcode: '1F3CA', label: 'Swimming', topic: 'activities', tags: 'swim pool sport' },
	{ id: 'running', hexcode: '1F3C3', label: 'Running', topic: 'activities', tags: 'run jog race sport' },
	{ id: 'dancing', hexcode: '1F483', label: 'Dancing', topic: 'activities', tags: 'dance disco' },
	{ id: 'music', hexcode: '1F3B5', label: 'Music', topic: 'activities', tags: 'songs listening' },
	{ id: 'singing', hexcode: '1F3A4', label: 'Singing', topic: 'activities', tags: 'sing song karaoke' },
	{ id: 'instrument', hexcode: '1F3B8', label: 'Playing an instrument', topic: 'activities', tags: 'guitar piano drums music' },
	{ id: 'drawing', hexcode: '1F58D', label: 'Drawing', topic: 'activities', tags: 'draw colouring crayon' },
	{ id: 'art', hexcode: '1F3A8', label: 'Art', topic: 'activities', tags: 'painting paint arts crafts' },
	{ id: 'games', hexcode: '1F3AE', label: 'Video games', topic: 'activities', tags: 'gaming console playing computer games' },
	{ id: 'board-games', hexcode: '1F3B2', label: 'Board games', topic: 'activities', tags: 'dice games playing' },
	{ id: 'puzzles', hexcode: '1F9E9', label: 'Puzzles', topic: 'activities', tags: 'jigsaw' },
	{ id: 'books', hexcode: '1F4DA', label: 'Books', topic: 'activities', tags: 'stories reading' },
	{ id: 'tv', hexcode: '1F4FA', label: 'TV', topic: 'activities', tags: 'television watching programmes videos youtube' },
	{ id: 'films', hexcode: '1F3AC', label: 'Films', topic: 'activities', tags: 'movies cinema' },
	{ id: 'cooking', hexcode: '1F373', label: 'Cooking', topic: 'activities', tags: 'baking cook' },
	{ id: 'gardening', hexcode: '1F331', label: 'Gardening', topic: 'activities', tags: 'plants garden grow' },
	{ id: 'horse-riding', hexcode: 'E184', label: 'Horse riding', topic: 'activities', tags: 'horse pony riding' },
	{ id: 'birthday', hexcode: '1F382', label: 'Birthday', topic: 'activities', tags: 'cake party' },
	// Places.
	{ id: 'home', hexcode: '1F3E0', label: 'Home', topic: 'places', tags: 'house' },
	{ id: 'park', hexcode: '1F333', label: 'Park', topic: 'places', tags: 'trees outside nature' },
	{ id: 'playground', hexcode: '1F6DD', label: 'Playground', topic: 'places', tags: 'slide swings play playtime break time' },
	{ id: 'garden', hexcode: '1F3E1', label: 'Garden', topic: 'places', tags: 'outside backyard' },
	{ id: 'outside', hexcode: '1F324', label: 'Outside', topic: 'places', tags: 'outdoors fresh air weather' },
	{ id: 'beach', hexcode: '1F3D6', label: 'Beach', topic: 'places', tags: 'seaside sea sand' },
	{ id: 'shops', hexcode: '1F6CD', label: 'Shops', topic: 'places', tags: 'shopping shop supermarket store' },
	{ id: 'cafe', hexcode: '2615', label: 'Cafe', topic: 'places', tags: 'coffee restaurant eating out hot drink tea' },
	{ id: 'town', hexcode: '1F3D9', label: 'Town', topic: 'places', tags: 'city town centre' },
	{ id: 'farm', hexcode: '1F69C', label: 'Farm', topic: 'places', tags: 'tractor animals countryside' },
	{ id: 'zoo', hexcode: '1F992', label: 'Zoo', topic: 'places', tags: 'animals giraffe' },
	{ id: 'bedroom', hexcode: '1F6CF', label: 'My bedroom', topic: 'places', tags: 'bed room' },
	{ id: 'work', hexcode: '1F4BC', label: 'Work', topic: 'places', tags: 'job career' },
	// School and college.
	{ id: 'school', hexcode: '1F3EB', label: 'School', topic: 'school' },
	{ id: 'college', hexcode: '1F393', label: 'College', topic: 'school', tags: 'sixth form university' },
	{ id: 'school-bag', hexcode: '1F392', label: 'School bag', topic: 'school', tags: 'backpack bag' },
	{ id: 'homework', hexcode: '1F4DD', label: 'Homework', topic: 'school', tags: 'memo worksheet' },
	{ id: 'test', hexcode: '1F4CB', label: 'Test', topic: 'school', tags: 'exam quiz' },
	{ id: 'maths', hexcode: '1F522', label: 'Maths', topic: 'school', tags: 'numbers sums counting math' },
	{ id: 'english', hexcode: '1F524', label: 'English', topic: 'school', tags: 'literacy letters abc phonics spelling' },
	{ id: 'science', hexcode: '1F52C', label: 'Science', topic: 'school', tags: 'microscope experiment' },
	{ id: 'pe', hexcode: '1F3BD', label: 'PE', topic: 'school', tags: 'sport physical education games' },
	{ id: 'uniform', hexcode: '1F454', label: 'School uniform', topic: 'school', tags: 'tie clothes' },
	{ id: 'group-work', hexcode: 'E249', label: 'Working in a group', topic: 'school', tags: 'group work team together' },
	// Food and drink.
	{ id: 'breakfast', hexcode: '1F963', label: 'Breakfast', topic: 'food', tags: 'cereal bowl' },
	{ id: 'lunch', hexcode: '1F37D', label: 'Lunch', topic: 'food', tags: 'dinner meal lunchtime school dinners' },
	{ id: 'eat', hexcode: '1F374', label: 'Eat', topic: 'food', tags: 'food hungry meal' },
	{ id: 'drink', hexcode: '1F964', label: 'Drink', topic: 'food', tags: 'thirsty cup' },
	{ id: 'water', hexcode: '1F6B0', label: 'Water', topic: 'food', tags: 'drink tap' },
	{ id: 'pizza', hexcode: '1F355', label: 'Pizza', topic: 'food' },
	{ id: 'chips', hexcode: '1F35F', label: 'Chips', topic: 'food', tags: 'fries' },
	{ id: 'burger', hexcode: '1F354', label: 'Burger', topic: 'food', tags: 'hamburger' },
	{ id: 'pasta', hexcode: '1F35D', label: 'Pasta', topic: 'food', tags: 'spaghetti' },
	{ id: 'chicken', hexcode: '1F357', label: 'Chicken', topic: 'food', tags: 'meat' },
	{ id: 'bread', hexcode: '1F35E', label: 'Bread', topic: 'food', tags: 'toast sandwich' },
	{ id: 'fruit', hexcode: '1F34E', label: 'Fruit', topic: 'food', tags: 'apple healthy' },
	{ id: 'vegetables', hexcode: '1F955', label: 'Vegetables', topic: 'food', tags: 'veg carrot healthy' },
	{ id: 'sweets', hexcode: '1F36C', label: 'Sweets', topic: 'food', tags: 'candy' },
	{ id: 'ice-cream', hexcode: '1F366', label: 'Ice cream', topic: 'food' },
	{ id: 'cake', hexcode: '1F370', label: 'Cake', topic: 'food' },
	// Support: how best to help me. These ideas have no literal emoji, so each has the clearest picture we found.
	{ id: 'quiet-space', hexcode: '1F507', label: 'A quiet space', topic: 'support', tags: 'quiet calm room safe space chill out den' },
	{ id: 'give-me-time', hexcode: '23F3', label: 'Give me time', topic: 'support', tags: 'wait time to think slow down take my time' },
	{ id: 'timer', hexcode: '23F2', label: 'Use a timer', topic: 'support', tags: 'countdown time how long' },
	{ id: 'show-me-pictures', hexcode: '1F5BC', label: 'Show me pictures', topic: 'support', tags: 'visual symbols photos images' },
	{ id: 'tell-me-what-happens-next', hexcode: '1F5D3', label: 'Tell me what happens next', topic: 'support', tags: 'now and next schedule timetable plan routine changes' },
	{ id: 'ear-defenders', hexcode: '1F3A7', label: 'Ear defenders', topic: 'support', tags: 'headphones too loud noise' },
	{ id: 'too-loud', hexcode: '1F50A', label: 'Too loud', topic: 'support', tags: 'noisy noise sound' },
	{ id: 'too-bright', hexcode: '1F576', label: 'Too bright', topic: 'support', tags: 'lights sunglasses light' },
	{ id: 'break', hexcode: '1F6CB', label: 'A break', topic: 'support', tags: 'rest pause sit down time out movement relax' },
	{ id: 'hug', hexcode: '1FAC2', label: 'A hug', topic: 'support', tags: 'cuddle comfort' },
	{ id: 'no-touching', hexcode: 'E380', label: 'Please do not touch me', topic: 'support', tags: 'personal space no touching' },
	{ id: 'ask-for-help', hexcode: '1F64B', label: 'Ask for help', topic: 'support', tags: 'hand up raise hand help me' },
	{ id: 'one-thing-at-a-time', hexcode: '0031-FE0F-20E3', label: 'One thing at a time', topic: 'support', tags: 'one step instructions' },
	{ id: 'calm-breathing', hexcode: '1F9D8', label: 'Calm breathing', topic: 'support', tags: 'breathe yoga mindfulness relax' },
	{ id: 'praise', hexcode: '1F44F', label: 'Praise', topic: 'support', tags: 'well done clap good job' },
	{ id: 'rewards', hexcode: '2B50', label: 'Rewards', topic: 'support', tags: 'star chart sticker' },
	{ id: 'comfort-toy', hexcode: '1F9F8', label: 'Comfort toy', topic: 'support', tags: 'teddy fidget cuddly toy' },
	// Health, care and equipment.
	{ id: 'doctor', hexcode: '1F9D1-200D-2695-FE0F', label: 'Doctor', topic: 'health', tags: 'gp health worker' },
	{ id: 'nurse', hexcode: 'E302', label: 'Nurse', topic: 'health', tags: 'health worker' },
	{ id: 'hospital', hexcode: '1F3E5', label: 'Hospital', topic: 'health' },
	{ id: 'medicine', hexcode: '1F48A', label: 'Medicine', topic: 'health', tags: 'tablets pills medication' },
	{ id: 'injection', hexcode: '1F489', label: 'Injection', topic: 'health', tags: 'needle jab vaccine' },
	{ id: 'dentist', hexcode: '1F9B7', label: 'Dentist', topic: 'health', tags: 'teeth tooth' },
	{ id: 'poorly', hexcode: '1F912', label: 'Poorly', topic: 'health', tags: 'ill unwell sick temperature' },
	{ id: 'feel-sick', hexcode: '1F922', label: 'Feel sick', topic: 'health', tags: 'nauseous vomit' },
	{ id: 'hurt', hexcode: '1FA79', label: 'Hurt', topic: 'health', tags: 'pain plaster injury sore' },
	{ id: 'toilet', hexcode: '1F6BD', label: 'Toilet', topic: 'health', tags: 'loo bathroom wc' },
	{ id: 'sleep', hexcode: '1F6CC', label: 'Sleep', topic: 'health', tags: 'bed bedtime night' },
	{ id: 'bath', hexcode: '1F6C1', label: 'Bath or shower', topic: 'health', tags: 'shower wash' },
	{ id: 'wheelchair', hexcode: '1F9D1-200D-1F9BD', label: 'Wheelchair', topic: 'health', tags: 'wheelchair user disabled access accessible' },
	{ id: 'glasses', hexcode: '1F453', label: 'Glasses', topic: 'health', tags: 'eyes see' },
	{ id: 'hearing-aid', hexcode: '1F9BB', label: 'Hearing aid', topic: 'health', tags: 'deaf ear hearing' },
	{ id: 'crutches', hexcode: '1FA7C', label: 'Crutches', topic: 'health', tags: 'crutch walking aid' },
	{ id: 'white-cane', hexcode: '1F9AF', label: 'White cane', topic: 'health', tags: 'blind visually impaired' },
	{ id: 'allergy', hexcode: '1F95C', label: 'Allergy', topic: 'health', tags: 'allergies nuts allergic' },
	// Communication: how I communicate, and having a say.
	{ id: 'talk', hexcode: '1F5E3', label: 'Talk', topic: 'communication', tags: 'speak say speech' },
	{ id: 'listen', hexcode: '1F442', label: 'Listen', topic: 'communication', tags: 'hear ear' },
	{ id: 'look', hexcode: '1F440', label: 'Look', topic: 'communication', tags: 'see watch eyes' },
	{ id: 'sign-language', hexcode: '1F91F', label: 'Sign language', topic: 'communication', tags: 'bsl makaton signing signs deaf' },
	{ id: 'write', hexcode: '270D', label: 'Write', topic: 'communication', tags: 'writing' },
	{ id: 'read', hexcode: '1F4D6', label: 'Read', topic: 'communication', tags: 'reading book' },
	{ id: 'hello', hexcode: '1F44B', label: 'Hello', topic: 'communication', tags: 'hi wave goodbye bye' },
	{ id: 'stop', hexcode: '270B', label: 'Stop', topic: 'communication', tags: 'hand wait' },
	{ id: 'question', hexcode: '2753', label: 'Question', topic: 'communication', tags: 'ask why what' },
	{ id: 'idea', hexcode: '1F4A1', label: 'Idea', topic: 'communication', tags: 'suggestion think light bulb' },
	{ id: 'have-my-say', hexcode: '1F4E3', label: 'Have my say', topic: 'communication', tags: 'voice speak up opinion views megaphone' },
	{ id: 'meeting', hexcode: 'E246', label: 'Meeting', topic: 'communication', tags: 'talking together conversation' },
	{ id: 'vote', hexcode: '1F5F3', label: 'Vote', topic: 'communication', tags: 'choose choice ballot' },
	{ id: 'phone', hexcode: '1F4F1', label: 'Phone', topic: 'communication', tags: 'mobile call text' },
	{ id: 'computer', hexcode: '1F5A5', label: 'Computer', topic: 'communication', tags: 'laptop computing ict internet' },
	{ id: 'tablet', hexcode: 'E1CC', label: 'Tablet', topic: 'communication', tags: 'ipad communication aid device aac talker' },
	{ id: 'email', hexcode: '1F4E7', label: 'Email', topic: 'communication', tags: 'e-mail message' },
	// Travel and getting about.
	{ id: 'walk', hexcode: '1F6B6', label: 'Walk', topic: 'travel', tags: 'walking on foot' },
	{ id: 'bus', hexcode: '1F68C', label: 'Bus', topic: 'travel', tags: 'coach' },
	{ id: 'car', hexcode: '1F697', label: 'Car', topic: 'travel', tags: 'drive lift cars' },
	{ id: 'taxi', hexcode: '1F695', label: 'Taxi', topic: 'travel', tags: 'school transport cab' },
	{ id: 'minibus', hexcode: '1F690', label: 'Minibus', topic: 'travel', tags: 'school transport' },
	{ id: 'train', hexcode: '1F686', label: 'Train', topic: 'travel', tags: 'railway trains' },
	{ id: 'bike', hexcode: '1F6B2', label: 'Bike', topic: 'travel', tags: 'bicycle cycling riding' },
	{ id: 'scooter', hexcode: '1F6F4', label: 'Scooter', topic: 'travel' },
	{ id: 'plane', hexcode: '2708', label: 'Plane', topic: 'travel', tags: 'aeroplane airplane flying airport' },
	{ id: 'holiday', hexcode: '1F9F3', label: 'Holiday', topic: 'travel', tags: 'suitcase trip going away luggage' },
	{ id: 'lift', hexcode: '1F6D7', label: 'Lift', topic: 'travel', tags: 'elevator accessible' },
	{ id: 'stairs', hexcode: 'E202', label: 'Stairs', topic: 'travel', tags: 'steps' },
	// Things I like: pets, interests, everyday things.
	{ id: 'dog', hexcode: '1F415', label: 'Dog', topic: 'things', tags: 'pet puppy animal' },
	{ id: 'cat', hexcode: '1F408', label: 'Cat', topic: 'things', tags: 'pet kitten animal' },
	{ id: 'fish', hexcode: '1F41F', label: 'Fish', topic: 'things', tags: 'goldfish pet animal' },
	{ id: 'animals', hexcode: '1F43E', label: 'Animals', topic: 'things', tags: 'pets paw' },
	{ id: 'dinosaurs', hexcode: '1F996', label: 'Dinosaurs', topic: 'things', tags: 'dinosaur t-rex' },
	{ id: 'superheroes', hexcode: '1F9B8', label: 'Superheroes', topic: 'things', tags: 'superhero hero' },
	{ id: 'space', hexcode: '1F680', label: 'Space', topic: 'things', tags: 'rocket planets astronaut' },
	{ id: 'clothes', hexcode: '1F455', label: 'Clothes', topic: 'things', tags: 't-shirt clothing dressing' },
	{ id: 'shoes', hexcode: '1F45F', label: 'Shoes', topic: 'things', tags: 'trainers' },
	{ id: 'money', hexcode: '1FA99', label: 'Money', topic: 'things', tags: 'coins cash pay pounds' },
	{ id: 'bubbles', hexcode: '1FAE7', label: 'Bubbles', topic: 'things', tags: 'sensory' },
	{ id: 'flowers', hexcode: '1F337', label: 'Flowers', topic: 'things', tags: 'plants flower' },
	{ id: 'sun', hexcode: '2600', label: 'Sun', topic: 'things', tags: 'sunny weather hot' },
	{ id: 'rain', hexcode: '1F327', label: 'Rain', topic: 'things', tags: 'rainy weather wet' }
] as const satisfies readonly SymbolEntry[];

/** A symbol. `Id` is `SymbolId` for the catalogue's own entries (what the functions below return). */
export interface SymbolEntry<Id extends string = string> {
	/** Our stable concept id, kebab-case. */
	readonly id: Id;
	/** OpenMoji hexcode: the file symbols/openmoji/<hexcode>.svg. */
	readonly hexcode: string;
	/** Plain English name, used as the default alt text. */
	readonly label: string;
	readonly topic: SymbolTopic;
	/** Extra search words, lower case, separated by spaces (synonyms, other spellings). */
	readonly tags?: string;
}

export type SymbolId = (typeof catalogue)[number]['id'];

/** The catalogue as plain entries whose ids are known to be `SymbolId`s. */
const entries: readonly SymbolEntry<SymbolId>[] = catalogue;
const byId: ReadonlyMap<string, SymbolEntry<SymbolId>> = new Map(entries.map((s) => [s.id, s]));

/** The picture files the catalogue uses, `<hexcode>.svg` (the only ones served). */
export const SYMBOL_FILES: ReadonlySet<string> = new Set(entries.map((s) => `${s.hexcode}.svg`));

/** True when a string (for example one read from the database) is a symbol Chorus offers. */
export function isSymbolId(id: string): id is SymbolId {
	return byId.has(id);
}

/** The catalogue entry for a concept id; `undefined` only for an unknown plain string. */
export function symbolById(id: SymbolId): SymbolEntry<SymbolId>;
export function symbolById(id: string): SymbolEntry<SymbolId> | undefined;
export function symbolById(id: string): SymbolEntry<SymbolId> | undefined {
	return byId.get(id);
}

/** Same-origin URL of a symbol's picture (served by src/routes/symbols/openmoji/[file]). */
export function symbolSrc(entry: SymbolEntry): string {
	return `/symbols/openmoji/${entry.hexcode}.svg`;
}

/** The symbols of one topic, in catalogue order (for feelings: very sad to very happy, then the rest). */
export function symbolsByTopic(topic: SymbolTopic): SymbolEntry<SymbolId>[] {
	return entries.filter((s) => s.topic === topic);
}

/** The words of a text, folded: "Ear defenders" -> ["ear", "defenders"], "e-mail" -> ["e", "mail"]. */
function wordsOf(text: string): string[] {
	return foldForMatching(text)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w !== '');
}

/** Every entry's searchable English words: those of its label, id and tags. */
const searchWords: ReadonlyMap<SymbolEntry, readonly string[]> = new Map(
	entries.map((s) => [s, [...new Set([...wordsOf(s.label), ...wordsOf(s.id), ...wordsOf(s.tags ?? '')])]])
);

const byLabel = (a: SymbolEntry, b: SymbolEntry) => a.label.localeCompare(b.label, 'en') || a.id.localeCompare(b.id, 'en');

/** What search knows of a symbol in a language other than English: its name there and more words. */
export type LocalWords = (entry: SymbolEntry<SymbolId>) => { name: string; words: string };

/**
 * Symbols matching what someone typed, optionally within one topic.
 * Case- and accent-insensitive: every word typed must be the start of some word of the symbol's
 * label, id or tags ("ear def" finds "Ear defenders", "noise" finds it by its tags), or, given a
 * reader's language (`local`, from names.ts), of its name and search words in that language.
 * Symbols whose name starts with what was typed come first, then the rest, each alphabetically.
 * An empty query gives the topic's symbols (or every symbol) in catalogue order.
 */
export function searchSymbols(query: string, topic?: SymbolTopic, local?: LocalWords): SymbolEntry<SymbolId>[] {
	const pool = topic === undefined ? [...entries] : symbolsByTopic(topic);
	const queryWords = wordsOf(query);
	if (queryWords.length === 0) return pool;

	const localName = (s: SymbolEntry<SymbolId>) => (local ? wordsOf(local(s).name).join(' ') : '');
	const matches = pool.filter((s) => {
		const words = local ? [...(searchWords.get(s) ?? []), ...wordsOf(`${local(s).name} ${local(s).words}`)] : (searchWords.get(s) ?? []);
		return queryWords.every((q) => words.some((w) => w.startsWith(q)));
	});
	const typed = queryWords.join(' ');
	const nameFirst = (s: SymbolEntry<SymbolId>) => wordsOf(s.label).join(' ').startsWith(typed) || localName(s).startsWith(typed);
	const order = local ? (a: SymbolEntry<SymbolId>, b: SymbolEntry<SymbolId>) => local(a).name.localeCompare(local(b).name) || a.id.localeCompare(b.id) : byLabel;
	const first = matches.filter(nameFirst).sort(order);
	const rest = matches.filter((s) => !nameFirst(s)).sort(order);
	return [...first, ...rest];
}
