-- Target schema of the demo site: the same 16 tables as Moodle 4.5's own installer creates
-- them on PostgreSQL 15 (statements copied from pg_dump --schema-only of such an install):
-- smallint for every tinyint, a bigint sequence mdl_<table>_id_seq owned by each id column and
-- used as its default, the mdl_<abbr>_id_pk primary keys and the installer's indexes,
-- including mdl_cont_pat_ix_pattern (varchar_pattern_ops), which MySQL has no equivalent of.
-- After the DDL come a few rows that the installer inserts, so that the demo can show the
-- target being truncated and reloaded.
--
-- Format, relied on by org.moodlemigrate.demo.SqlScript: every statement ends with ';' at
-- the end of a line, and lines starting with '--' are comments. No psql meta-commands.

-- mdl_config
CREATE TABLE public.mdl_config (
    id bigint NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    value text NOT NULL
);
COMMENT ON TABLE public.mdl_config IS 'Moodle configuration variables';
CREATE SEQUENCE public.mdl_config_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_config_id_seq OWNED BY public.mdl_config.id;
ALTER TABLE ONLY public.mdl_config ALTER COLUMN id SET DEFAULT nextval('public.mdl_config_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_config
    ADD CONSTRAINT mdl_conf_id_pk PRIMARY KEY (id);
CREATE UNIQUE INDEX mdl_conf_nam_uix ON public.mdl_config USING btree (name);

-- mdl_config_plugins
CREATE TABLE public.mdl_config_plugins (
    id bigint NOT NULL,
    plugin character varying(100) DEFAULT 'core'::character varying NOT NULL,
    name character varying(100) DEFAULT ''::character varying NOT NULL,
    value text NOT NULL
);
COMMENT ON TABLE public.mdl_config_plugins IS 'Moodle modules and plugins configuration variables';
CREATE SEQUENCE public.mdl_config_plugins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_config_plugins_id_seq OWNED BY public.mdl_config_plugins.id;
ALTER TABLE ONLY public.mdl_config_plugins ALTER COLUMN id SET DEFAULT nextval('public.mdl_config_plugins_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_config_plugins
    ADD CONSTRAINT mdl_confplug_id_pk PRIMARY KEY (id);
CREATE UNIQUE INDEX mdl_confplug_plunam_uix ON public.mdl_config_plugins USING btree (plugin, name);

-- mdl_user
CREATE TABLE public.mdl_user (
    id bigint NOT NULL,
    auth character varying(20) DEFAULT 'manual'::character varying NOT NULL,
    confirmed smallint DEFAULT 0 NOT NULL,
    policyagreed smallint DEFAULT 0 NOT NULL,
    deleted smallint DEFAULT 0 NOT NULL,
    suspended smallint DEFAULT 0 NOT NULL,
    mnethostid bigint DEFAULT 0 NOT NULL,
    username character varying(100) DEFAULT ''::character varying NOT NULL,
    password character varying(255) DEFAULT ''::character varying NOT NULL,
    idnumber character varying(255) DEFAULT ''::character varying NOT NULL,
    firstname character varying(100) DEFAULT ''::character varying NOT NULL,
    lastname character varying(100) DEFAULT ''::character varying NOT NULL,
    email character varying(100) DEFAULT ''::character varying NOT NULL,
    emailstop smallint DEFAULT 0 NOT NULL,
    phone1 character varying(20) DEFAULT ''::character varying NOT NULL,
    phone2 character varying(20) DEFAULT ''::character varying NOT NULL,
    institution character varying(255) DEFAULT ''::character varying NOT NULL,
    department character varying(255) DEFAULT ''::character varying NOT NULL,
    address character varying(255) DEFAULT ''::character varying NOT NULL,
    city character varying(120) DEFAULT ''::character varying NOT NULL,
    country character varying(2) DEFAULT ''::character varying NOT NULL,
    lang character varying(30) DEFAULT 'en'::character varying NOT NULL,
    calendartype character varying(30) DEFAULT 'gregorian'::character varying NOT NULL,
    theme character varying(50) DEFAULT ''::character varying NOT NULL,
    timezone character varying(100) DEFAULT '99'::character varying NOT NULL,
    firstaccess bigint DEFAULT 0 NOT NULL,
    lastaccess bigint DEFAULT 0 NOT NULL,
    lastlogin bigint DEFAULT 0 NOT NULL,
    currentlogin bigint DEFAULT 0 NOT NULL,
    lastip character varying(45) DEFAULT ''::character varying NOT NULL,
    secret character varying(15) DEFAULT ''::character varying NOT NULL,
    picture bigint DEFAULT 0 NOT NULL,
    description text,
    descriptionformat smallint DEFAULT 1 NOT NULL,
    mailformat smallint DEFAULT 1 NOT NULL,
    maildigest smallint DEFAULT 0 NOT NULL,
    maildisplay smallint DEFAULT 2 NOT NULL,
    autosubscribe smallint DEFAULT 1 NOT NULL,
    trackforums smallint DEFAULT 0 NOT NULL,
    timecreated bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    trustbitmask bigint DEFAULT 0 NOT NULL,
    imagealt character varying(255),
    lastnamephonetic character varying(255),
    firstnamephonetic character varying(255),
    middlename character varying(255),
    alternatename character varying(255),
    moodlenetprofile character varying(255)
);
COMMENT ON TABLE public.mdl_user IS 'One record for each person';
CREATE SEQUENCE public.mdl_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_user_id_seq OWNED BY public.mdl_user.id;
ALTER TABLE ONLY public.mdl_user ALTER COLUMN id SET DEFAULT nextval('public.mdl_user_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_user
    ADD CONSTRAINT mdl_user_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_user_alt_ix ON public.mdl_user USING btree (alternatename);
CREATE INDEX mdl_user_aut_ix ON public.mdl_user USING btree (auth);
CREATE INDEX mdl_user_cit_ix ON public.mdl_user USING btree (city);
CREATE INDEX mdl_user_con_ix ON public.mdl_user USING btree (confirmed);
CREATE INDEX mdl_user_cou_ix ON public.mdl_user USING btree (country);
CREATE INDEX mdl_user_del_ix ON public.mdl_user USING btree (deleted);
CREATE INDEX mdl_user_ema_ix ON public.mdl_user USING btree (email);
CREATE INDEX mdl_user_fir2_ix ON public.mdl_user USING btree (firstnamephonetic);
CREATE INDEX mdl_user_fir_ix ON public.mdl_user USING btree (firstname);
CREATE INDEX mdl_user_idn_ix ON public.mdl_user USING btree (idnumber);
CREATE INDEX mdl_user_las2_ix ON public.mdl_user USING btree (lastaccess);
CREATE INDEX mdl_user_las3_ix ON public.mdl_user USING btree (lastnamephonetic);
CREATE INDEX mdl_user_las_ix ON public.mdl_user USING btree (lastname);
CREATE INDEX mdl_user_mid_ix ON public.mdl_user USING btree (middlename);
CREATE UNIQUE INDEX mdl_user_mneuse_uix ON public.mdl_user USING btree (mnethostid, username);

-- mdl_user_preferences
CREATE TABLE public.mdl_user_preferences (
    id bigint NOT NULL,
    userid bigint DEFAULT 0 NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    value character varying(1333) DEFAULT ''::character varying NOT NULL
);
COMMENT ON TABLE public.mdl_user_preferences IS 'Allows modules to store arbitrary user preferences';
CREATE SEQUENCE public.mdl_user_preferences_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_user_preferences_id_seq OWNED BY public.mdl_user_preferences.id;
ALTER TABLE ONLY public.mdl_user_preferences ALTER COLUMN id SET DEFAULT nextval('public.mdl_user_preferences_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_user_preferences
    ADD CONSTRAINT mdl_userpref_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_userpref_nam_ix ON public.mdl_user_preferences USING btree (name);
CREATE UNIQUE INDEX mdl_userpref_usenam_uix ON public.mdl_user_preferences USING btree (userid, name);

-- mdl_course_categories
CREATE TABLE public.mdl_course_categories (
    id bigint NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    idnumber character varying(100),
    description text,
    descriptionformat smallint DEFAULT 0 NOT NULL,
    parent bigint DEFAULT 0 NOT NULL,
    sortorder bigint DEFAULT 0 NOT NULL,
    coursecount bigint DEFAULT 0 NOT NULL,
    visible smallint DEFAULT 1 NOT NULL,
    visibleold smallint DEFAULT 1 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    depth bigint DEFAULT 0 NOT NULL,
    path character varying(255) DEFAULT ''::character varying NOT NULL,
    theme character varying(50)
);
COMMENT ON TABLE public.mdl_course_categories IS 'Course categories';
CREATE SEQUENCE public.mdl_course_categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_course_categories_id_seq OWNED BY public.mdl_course_categories.id;
ALTER TABLE ONLY public.mdl_course_categories ALTER COLUMN id SET DEFAULT nextval('public.mdl_course_categories_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_course_categories
    ADD CONSTRAINT mdl_courcate_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_courcate_par_ix ON public.mdl_course_categories USING btree (parent);

-- mdl_course
CREATE TABLE public.mdl_course (
    id bigint NOT NULL,
    category bigint DEFAULT 0 NOT NULL,
    sortorder bigint DEFAULT 0 NOT NULL,
    fullname character varying(254) DEFAULT ''::character varying NOT NULL,
    shortname character varying(255) DEFAULT ''::character varying NOT NULL,
    idnumber character varying(100) DEFAULT ''::character varying NOT NULL,
    summary text,
    summaryformat smallint DEFAULT 0 NOT NULL,
    format character varying(21) DEFAULT 'topics'::character varying NOT NULL,
    showgrades smallint DEFAULT 1 NOT NULL,
    newsitems integer DEFAULT 1 NOT NULL,
    startdate bigint DEFAULT 0 NOT NULL,
    enddate bigint DEFAULT 0 NOT NULL,
    relativedatesmode smallint DEFAULT 0 NOT NULL,
    marker bigint DEFAULT 0 NOT NULL,
    maxbytes bigint DEFAULT 0 NOT NULL,
    legacyfiles smallint DEFAULT 0 NOT NULL,
    showreports smallint DEFAULT 0 NOT NULL,
    visible smallint DEFAULT 1 NOT NULL,
    visibleold smallint DEFAULT 1 NOT NULL,
    downloadcontent smallint,
    groupmode smallint DEFAULT 0 NOT NULL,
    groupmodeforce smallint DEFAULT 0 NOT NULL,
    defaultgroupingid bigint DEFAULT 0 NOT NULL,
    lang character varying(30) DEFAULT ''::character varying NOT NULL,
    calendartype character varying(30) DEFAULT ''::character varying NOT NULL,
    theme character varying(50) DEFAULT ''::character varying NOT NULL,
    timecreated bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    requested smallint DEFAULT 0 NOT NULL,
    enablecompletion smallint DEFAULT 0 NOT NULL,
    completionnotify smallint DEFAULT 0 NOT NULL,
    cacherev bigint DEFAULT 0 NOT NULL,
    originalcourseid bigint,
    showactivitydates smallint DEFAULT 0 NOT NULL,
    showcompletionconditions smallint,
    pdfexportfont character varying(50)
);
COMMENT ON TABLE public.mdl_course IS 'Central course table';
CREATE SEQUENCE public.mdl_course_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_course_id_seq OWNED BY public.mdl_course.id;
ALTER TABLE ONLY public.mdl_course ALTER COLUMN id SET DEFAULT nextval('public.mdl_course_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_course
    ADD CONSTRAINT mdl_cour_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_cour_cat_ix ON public.mdl_course USING btree (category);
CREATE INDEX mdl_cour_idn_ix ON public.mdl_course USING btree (idnumber);
CREATE INDEX mdl_cour_ori_ix ON public.mdl_course USING btree (originalcourseid);
CREATE INDEX mdl_cour_sho_ix ON public.mdl_course USING btree (shortname);
CREATE INDEX mdl_cour_sor_ix ON public.mdl_course USING btree (sortorder);

-- mdl_context
CREATE TABLE public.mdl_context (
    id bigint NOT NULL,
    contextlevel bigint DEFAULT 0 NOT NULL,
    instanceid bigint DEFAULT 0 NOT NULL,
    path character varying(255),
    depth smallint DEFAULT 0 NOT NULL,
    locked smallint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_context IS 'one of these must be set';
CREATE SEQUENCE public.mdl_context_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_context_id_seq OWNED BY public.mdl_context.id;
ALTER TABLE ONLY public.mdl_context ALTER COLUMN id SET DEFAULT nextval('public.mdl_context_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_context
    ADD CONSTRAINT mdl_cont_id_pk PRIMARY KEY (id);
CREATE UNIQUE INDEX mdl_cont_conins_uix ON public.mdl_context USING btree (contextlevel, instanceid);
CREATE INDEX mdl_cont_ins_ix ON public.mdl_context USING btree (instanceid);
CREATE INDEX mdl_cont_pat_ix ON public.mdl_context USING btree (path);
CREATE INDEX mdl_cont_pat_ix_pattern ON public.mdl_context USING btree (path varchar_pattern_ops);

-- mdl_enrol
CREATE TABLE public.mdl_enrol (
    id bigint NOT NULL,
    enrol character varying(20) DEFAULT ''::character varying NOT NULL,
    status bigint DEFAULT 0 NOT NULL,
    courseid bigint NOT NULL,
    sortorder bigint DEFAULT 0 NOT NULL,
    name character varying(255),
    enrolperiod bigint DEFAULT 0,
    enrolstartdate bigint DEFAULT 0,
    enrolenddate bigint DEFAULT 0,
    expirynotify smallint DEFAULT 0,
    expirythreshold bigint DEFAULT 0,
    notifyall smallint DEFAULT 0,
    password character varying(50),
    cost character varying(20),
    currency character varying(3),
    roleid bigint DEFAULT 0,
    customint1 bigint,
    customint2 bigint,
    customint3 bigint,
    customint4 bigint,
    customint5 bigint,
    customint6 bigint,
    customint7 bigint,
    customint8 bigint,
    customchar1 character varying(255),
    customchar2 character varying(255),
    customchar3 character varying(1333),
    customdec1 numeric(12,7),
    customdec2 numeric(12,7),
    customtext1 text,
    customtext2 text,
    customtext3 text,
    customtext4 text,
    timecreated bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_enrol IS 'Instances of enrolment plugins used in courses, fields marked as custom have a plugin defined meaning, core does not touch them. Create a new linked table if you need even more custom fields.';
CREATE SEQUENCE public.mdl_enrol_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_enrol_id_seq OWNED BY public.mdl_enrol.id;
ALTER TABLE ONLY public.mdl_enrol ALTER COLUMN id SET DEFAULT nextval('public.mdl_enrol_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_enrol
    ADD CONSTRAINT mdl_enro_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_enro_cou_ix ON public.mdl_enrol USING btree (courseid);
CREATE INDEX mdl_enro_enr_ix ON public.mdl_enrol USING btree (enrol);
CREATE INDEX mdl_enro_rol_ix ON public.mdl_enrol USING btree (roleid);

-- mdl_user_enrolments
CREATE TABLE public.mdl_user_enrolments (
    id bigint NOT NULL,
    status bigint DEFAULT 0 NOT NULL,
    enrolid bigint NOT NULL,
    userid bigint NOT NULL,
    timestart bigint DEFAULT 0 NOT NULL,
    timeend bigint DEFAULT 2147483647 NOT NULL,
    modifierid bigint DEFAULT 0 NOT NULL,
    timecreated bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_user_enrolments IS 'Users participating in courses (aka enrolled users) - everybody who is participating/visible in course, that means both teachers and students';
CREATE SEQUENCE public.mdl_user_enrolments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_user_enrolments_id_seq OWNED BY public.mdl_user_enrolments.id;
ALTER TABLE ONLY public.mdl_user_enrolments ALTER COLUMN id SET DEFAULT nextval('public.mdl_user_enrolments_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_user_enrolments
    ADD CONSTRAINT mdl_userenro_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_userenro_enr_ix ON public.mdl_user_enrolments USING btree (enrolid);
CREATE UNIQUE INDEX mdl_userenro_enruse_uix ON public.mdl_user_enrolments USING btree (enrolid, userid);
CREATE INDEX mdl_userenro_mod_ix ON public.mdl_user_enrolments USING btree (modifierid);
CREATE INDEX mdl_userenro_use_ix ON public.mdl_user_enrolments USING btree (userid);

-- mdl_role_assignments
CREATE TABLE public.mdl_role_assignments (
    id bigint NOT NULL,
    roleid bigint DEFAULT 0 NOT NULL,
    contextid bigint DEFAULT 0 NOT NULL,
    userid bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    modifierid bigint DEFAULT 0 NOT NULL,
    component character varying(100) DEFAULT ''::character varying NOT NULL,
    itemid bigint DEFAULT 0 NOT NULL,
    sortorder bigint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_role_assignments IS 'assigning roles in different context';
CREATE SEQUENCE public.mdl_role_assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_role_assignments_id_seq OWNED BY public.mdl_role_assignments.id;
ALTER TABLE ONLY public.mdl_role_assignments ALTER COLUMN id SET DEFAULT nextval('public.mdl_role_assignments_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_role_assignments
    ADD CONSTRAINT mdl_roleassi_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_roleassi_comiteuse_ix ON public.mdl_role_assignments USING btree (component, itemid, userid);
CREATE INDEX mdl_roleassi_con_ix ON public.mdl_role_assignments USING btree (contextid);
CREATE INDEX mdl_roleassi_rol_ix ON public.mdl_role_assignments USING btree (roleid);
CREATE INDEX mdl_roleassi_rolcon_ix ON public.mdl_role_assignments USING btree (roleid, contextid);
CREATE INDEX mdl_roleassi_sor_ix ON public.mdl_role_assignments USING btree (sortorder);
CREATE INDEX mdl_roleassi_use_ix ON public.mdl_role_assignments USING btree (userid);
CREATE INDEX mdl_roleassi_useconrol_ix ON public.mdl_role_assignments USING btree (userid, contextid, roleid);

-- mdl_forum
CREATE TABLE public.mdl_forum (
    id bigint NOT NULL,
    course bigint DEFAULT 0 NOT NULL,
    type character varying(20) DEFAULT 'general'::character varying NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    intro text NOT NULL,
    introformat smallint DEFAULT 0 NOT NULL,
    duedate bigint DEFAULT 0 NOT NULL,
    cutoffdate bigint DEFAULT 0 NOT NULL,
    assessed bigint DEFAULT 0 NOT NULL,
    assesstimestart bigint DEFAULT 0 NOT NULL,
    assesstimefinish bigint DEFAULT 0 NOT NULL,
    scale bigint DEFAULT 0 NOT NULL,
    grade_forum bigint DEFAULT 0 NOT NULL,
    grade_forum_notify smallint DEFAULT 0 NOT NULL,
    maxbytes bigint DEFAULT 0 NOT NULL,
    maxattachments bigint DEFAULT 1 NOT NULL,
    forcesubscribe smallint DEFAULT 0 NOT NULL,
    trackingtype smallint DEFAULT 1 NOT NULL,
    rsstype smallint DEFAULT 0 NOT NULL,
    rssarticles smallint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    warnafter bigint DEFAULT 0 NOT NULL,
    blockafter bigint DEFAULT 0 NOT NULL,
    blockperiod bigint DEFAULT 0 NOT NULL,
    completiondiscussions integer DEFAULT 0 NOT NULL,
    completionreplies integer DEFAULT 0 NOT NULL,
    completionposts integer DEFAULT 0 NOT NULL,
    displaywordcount smallint DEFAULT 0 NOT NULL,
    lockdiscussionafter bigint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_forum IS 'Forums contain and structure discussion';
CREATE SEQUENCE public.mdl_forum_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_forum_id_seq OWNED BY public.mdl_forum.id;
ALTER TABLE ONLY public.mdl_forum ALTER COLUMN id SET DEFAULT nextval('public.mdl_forum_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_forum
    ADD CONSTRAINT mdl_foru_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_foru_cou_ix ON public.mdl_forum USING btree (course);

-- mdl_forum_discussions
CREATE TABLE public.mdl_forum_discussions (
    id bigint NOT NULL,
    course bigint DEFAULT 0 NOT NULL,
    forum bigint DEFAULT 0 NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    firstpost bigint DEFAULT 0 NOT NULL,
    userid bigint DEFAULT 0 NOT NULL,
    groupid bigint DEFAULT '-1'::integer NOT NULL,
    assessed smallint DEFAULT 1 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    usermodified bigint DEFAULT 0 NOT NULL,
    timestart bigint DEFAULT 0 NOT NULL,
    timeend bigint DEFAULT 0 NOT NULL,
    pinned smallint DEFAULT 0 NOT NULL,
    timelocked bigint DEFAULT 0 NOT NULL
);
COMMENT ON TABLE public.mdl_forum_discussions IS 'Forums are composed of discussions';
CREATE SEQUENCE public.mdl_forum_discussions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_forum_discussions_id_seq OWNED BY public.mdl_forum_discussions.id;
ALTER TABLE ONLY public.mdl_forum_discussions ALTER COLUMN id SET DEFAULT nextval('public.mdl_forum_discussions_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_forum_discussions
    ADD CONSTRAINT mdl_forudisc_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_forudisc_cou_ix ON public.mdl_forum_discussions USING btree (course);
CREATE INDEX mdl_forudisc_for_ix ON public.mdl_forum_discussions USING btree (forum);
CREATE INDEX mdl_forudisc_use2_ix ON public.mdl_forum_discussions USING btree (usermodified);
CREATE INDEX mdl_forudisc_use_ix ON public.mdl_forum_discussions USING btree (userid);

-- mdl_forum_posts
CREATE TABLE public.mdl_forum_posts (
    id bigint NOT NULL,
    discussion bigint DEFAULT 0 NOT NULL,
    parent bigint DEFAULT 0 NOT NULL,
    userid bigint DEFAULT 0 NOT NULL,
    created bigint DEFAULT 0 NOT NULL,
    modified bigint DEFAULT 0 NOT NULL,
    mailed smallint DEFAULT 0 NOT NULL,
    subject character varying(255) DEFAULT ''::character varying NOT NULL,
    message text NOT NULL,
    messageformat smallint DEFAULT 0 NOT NULL,
    messagetrust smallint DEFAULT 0 NOT NULL,
    attachment character varying(100) DEFAULT ''::character varying NOT NULL,
    totalscore smallint DEFAULT 0 NOT NULL,
    mailnow bigint DEFAULT 0 NOT NULL,
    deleted smallint DEFAULT 0 NOT NULL,
    privatereplyto bigint DEFAULT 0 NOT NULL,
    wordcount bigint,
    charcount bigint
);
COMMENT ON TABLE public.mdl_forum_posts IS 'All posts are stored in this table';
CREATE SEQUENCE public.mdl_forum_posts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_forum_posts_id_seq OWNED BY public.mdl_forum_posts.id;
ALTER TABLE ONLY public.mdl_forum_posts ALTER COLUMN id SET DEFAULT nextval('public.mdl_forum_posts_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_forum_posts
    ADD CONSTRAINT mdl_forupost_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_forupost_cre_ix ON public.mdl_forum_posts USING btree (created);
CREATE INDEX mdl_forupost_dis_ix ON public.mdl_forum_posts USING btree (discussion);
CREATE INDEX mdl_forupost_mai_ix ON public.mdl_forum_posts USING btree (mailed);
CREATE INDEX mdl_forupost_par_ix ON public.mdl_forum_posts USING btree (parent);
CREATE INDEX mdl_forupost_pri_ix ON public.mdl_forum_posts USING btree (privatereplyto);
CREATE INDEX mdl_forupost_use_ix ON public.mdl_forum_posts USING btree (userid);

-- mdl_forum_digests
CREATE TABLE public.mdl_forum_digests (
    id bigint NOT NULL,
    userid bigint NOT NULL,
    forum bigint NOT NULL,
    maildigest smallint DEFAULT '-1'::integer NOT NULL
);
COMMENT ON TABLE public.mdl_forum_digests IS 'Keeps track of user mail delivery preferences for each forum';
CREATE SEQUENCE public.mdl_forum_digests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_forum_digests_id_seq OWNED BY public.mdl_forum_digests.id;
ALTER TABLE ONLY public.mdl_forum_digests ALTER COLUMN id SET DEFAULT nextval('public.mdl_forum_digests_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_forum_digests
    ADD CONSTRAINT mdl_forudige_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_forudige_for_ix ON public.mdl_forum_digests USING btree (forum);
CREATE UNIQUE INDEX mdl_forudige_forusemai_uix ON public.mdl_forum_digests USING btree (forum, userid, maildigest);
CREATE INDEX mdl_forudige_use_ix ON public.mdl_forum_digests USING btree (userid);

-- mdl_grade_grades
CREATE TABLE public.mdl_grade_grades (
    id bigint NOT NULL,
    itemid bigint NOT NULL,
    userid bigint NOT NULL,
    rawgrade numeric(10,5),
    rawgrademax numeric(10,5) DEFAULT 100 NOT NULL,
    rawgrademin numeric(10,5) DEFAULT 0 NOT NULL,
    rawscaleid bigint,
    usermodified bigint,
    finalgrade numeric(10,5),
    hidden bigint DEFAULT 0 NOT NULL,
    locked bigint DEFAULT 0 NOT NULL,
    locktime bigint DEFAULT 0 NOT NULL,
    exported bigint DEFAULT 0 NOT NULL,
    overridden bigint DEFAULT 0 NOT NULL,
    excluded bigint DEFAULT 0 NOT NULL,
    feedback text,
    feedbackformat bigint DEFAULT 0 NOT NULL,
    information text,
    informationformat bigint DEFAULT 0 NOT NULL,
    timecreated bigint,
    timemodified bigint,
    aggregationstatus character varying(10) DEFAULT 'unknown'::character varying NOT NULL,
    aggregationweight numeric(10,5)
);
COMMENT ON TABLE public.mdl_grade_grades IS 'grade_grades  This table keeps individual grades for each user and each item, exactly as imported or submitted by modules. The rawgrademax/min and rawscaleid are stored here to record the values at the time the grade was stored, because teachers migh';
CREATE SEQUENCE public.mdl_grade_grades_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_grade_grades_id_seq OWNED BY public.mdl_grade_grades.id;
ALTER TABLE ONLY public.mdl_grade_grades ALTER COLUMN id SET DEFAULT nextval('public.mdl_grade_grades_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_grade_grades
    ADD CONSTRAINT mdl_gradgrad_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_gradgrad_ite_ix ON public.mdl_grade_grades USING btree (itemid);
CREATE INDEX mdl_gradgrad_locloc_ix ON public.mdl_grade_grades USING btree (locked, locktime);
CREATE INDEX mdl_gradgrad_raw_ix ON public.mdl_grade_grades USING btree (rawscaleid);
CREATE INDEX mdl_gradgrad_use2_ix ON public.mdl_grade_grades USING btree (usermodified);
CREATE INDEX mdl_gradgrad_use_ix ON public.mdl_grade_grades USING btree (userid);
CREATE UNIQUE INDEX mdl_gradgrad_useite_uix ON public.mdl_grade_grades USING btree (userid, itemid);

-- mdl_question
CREATE TABLE public.mdl_question (
    id bigint NOT NULL,
    parent bigint DEFAULT 0 NOT NULL,
    name character varying(255) DEFAULT ''::character varying NOT NULL,
    questiontext text NOT NULL,
    questiontextformat smallint DEFAULT 0 NOT NULL,
    generalfeedback text NOT NULL,
    generalfeedbackformat smallint DEFAULT 0 NOT NULL,
    defaultmark numeric(12,7) DEFAULT 1 NOT NULL,
    penalty numeric(12,7) DEFAULT 0.3333333 NOT NULL,
    qtype character varying(20) DEFAULT ''::character varying NOT NULL,
    length bigint DEFAULT 1 NOT NULL,
    stamp character varying(255) DEFAULT ''::character varying NOT NULL,
    timecreated bigint DEFAULT 0 NOT NULL,
    timemodified bigint DEFAULT 0 NOT NULL,
    createdby bigint,
    modifiedby bigint
);
COMMENT ON TABLE public.mdl_question IS 'This table stores the definition of one version of a question.';
CREATE SEQUENCE public.mdl_question_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_question_id_seq OWNED BY public.mdl_question.id;
ALTER TABLE ONLY public.mdl_question ALTER COLUMN id SET DEFAULT nextval('public.mdl_question_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_question
    ADD CONSTRAINT mdl_ques_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_ques_cre_ix ON public.mdl_question USING btree (createdby);
CREATE INDEX mdl_ques_mod_ix ON public.mdl_question USING btree (modifiedby);
CREATE INDEX mdl_ques_par_ix ON public.mdl_question USING btree (parent);
CREATE INDEX mdl_ques_qty_ix ON public.mdl_question USING btree (qtype);

-- mdl_logstore_standard_log
CREATE TABLE public.mdl_logstore_standard_log (
    id bigint NOT NULL,
    eventname character varying(255) DEFAULT ''::character varying NOT NULL,
    component character varying(100) DEFAULT ''::character varying NOT NULL,
    action character varying(100) DEFAULT ''::character varying NOT NULL,
    target character varying(100) DEFAULT ''::character varying NOT NULL,
    objecttable character varying(50),
    objectid bigint,
    crud character varying(1) DEFAULT ''::character varying NOT NULL,
    edulevel smallint NOT NULL,
    contextid bigint NOT NULL,
    contextlevel bigint NOT NULL,
    contextinstanceid bigint NOT NULL,
    userid bigint NOT NULL,
    courseid bigint,
    relateduserid bigint,
    anonymous smallint DEFAULT 0 NOT NULL,
    other text,
    timecreated bigint NOT NULL,
    origin character varying(10),
    ip character varying(45),
    realuserid bigint
);
COMMENT ON TABLE public.mdl_logstore_standard_log IS 'Standard log table';
CREATE SEQUENCE public.mdl_logstore_standard_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.mdl_logstore_standard_log_id_seq OWNED BY public.mdl_logstore_standard_log.id;
ALTER TABLE ONLY public.mdl_logstore_standard_log ALTER COLUMN id SET DEFAULT nextval('public.mdl_logstore_standard_log_id_seq'::regclass);
ALTER TABLE ONLY public.mdl_logstore_standard_log
    ADD CONSTRAINT mdl_logsstanlog_id_pk PRIMARY KEY (id);
CREATE INDEX mdl_logsstanlog_con_ix ON public.mdl_logstore_standard_log USING btree (contextid);
CREATE INDEX mdl_logsstanlog_cou_ix ON public.mdl_logstore_standard_log USING btree (courseid);
CREATE INDEX mdl_logsstanlog_couanotim_ix ON public.mdl_logstore_standard_log USING btree (courseid, anonymous, timecreated);
CREATE INDEX mdl_logsstanlog_rea_ix ON public.mdl_logstore_standard_log USING btree (realuserid);
CREATE INDEX mdl_logsstanlog_rel_ix ON public.mdl_logstore_standard_log USING btree (relateduserid);
CREATE INDEX mdl_logsstanlog_tim_ix ON public.mdl_logstore_standard_log USING btree (timecreated);
CREATE INDEX mdl_logsstanlog_use_ix ON public.mdl_logstore_standard_log USING btree (userid);
CREATE INDEX mdl_logsstanlog_useconconcr_ix ON public.mdl_logstore_standard_log USING btree (userid, contextlevel, contextinstanceid, crud, edulevel, timecreated);

-- Rows that Moodle's installer writes into these tables (a subset). They go in through the
-- id sequences, as the installer's inserts do, so the sequences have advanced: a migration
-- has to truncate these tables and then set every sequence past the loaded ids.
INSERT INTO public.mdl_config (name, value) VALUES
    ('rolesactive', '1'),
    ('theme', 'boost'),
    ('siteidentifier', 'k3Yq0pDv7mN2xRt8uWb5ZcLe4HsJa9Folocalhost'),
    ('mnet_localhost_id', '1'),
    ('siteguest', '1'),
    ('siteadmins', '2'),
    ('version', '2024100700.09'),
    ('release', '4.5+ (Build: 20241205)'),
    ('branch', '405'),
    ('lang', 'en'),
    ('timezone', 'Europe/London');
INSERT INTO public.mdl_config_plugins (plugin, name, value) VALUES
    ('mod_forum', 'version', '2024100700'),
    ('mod_quiz', 'version', '2024100700'),
    ('logstore_standard', 'version', '2024100700'),
    ('theme_boost', 'version', '2024100700'),
    ('editor_tiny', 'version', '2024100700'),
    ('mod_forum', 'maxbytes', '512000');
INSERT INTO public.mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, description, timemodified) VALUES
    ('manual', 1, 1, 'guest', '$6$rounds=10000$installerguest0$notarealhashnotarealhashnotarealhashnotarealhashnotarealhashnotarealhash00', 'Guest user', ' ', 'root@localhost', 'This user is a special user that allows read-only access to some courses.', 1795296884),
    ('manual', 1, 1, 'admin', '$6$rounds=10000$installeradmin0$notarealhashnotarealhashnotarealhashnotarealhashnotarealhashnotarealhash00', 'Admin', 'User', 'admin@example.com', NULL, 1795296884);
INSERT INTO public.mdl_course_categories (name, descriptionformat, sortorder, timemodified, depth, path) VALUES
    ('Category 1', 1, 10000, 1795296884, 1, '/1');
INSERT INTO public.mdl_course (category, sortorder, fullname, shortname, summary, format, newsitems, timecreated, timemodified, cacherev) VALUES
    (0, 1, 'New Moodle site', 'moodle', '', 'site', 3, 1795296884, 1795296884, 1795296884);
INSERT INTO public.mdl_context (contextlevel, instanceid, path, depth) VALUES
    (10, 0, '/1', 1),
    (50, 1, '/1/2', 2),
    (40, 1, '/1/3', 2),
    (30, 1, '/1/4', 2),
    (30, 2, '/1/5', 2);
