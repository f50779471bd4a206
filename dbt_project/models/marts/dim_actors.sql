{#- Every actor an event or mention can point at: the dictionary's versions (SCD2 from the
    snapshot), one row per unresolved name seen in text, and the unknown member. Join on
    actor_key = fct_*.actor1_key and is_current for today's view, or on the validity range
    for the dictionary as it was. -#}

with dictionary_versions as (
    select * from {{ ref('snp_actor_dictionary') }}
),

event_mentions as (
    select * from {{ ref('fct_event_mentions') }}
),

actor_mentions as (
    select * from {{ ref('fct_actor_mentions') }}
),

dictionary as (
    select
        cast(actor_id as {{ dbt.type_string() }}) as actor_key,
        cast(actor_id as {{ dbt.type_string() }}) as actor_id,
        cast(dbt_scd_id as {{ dbt.type_string() }}) as actor_version_id,
        cast(name as {{ dbt.type_string() }}) as actor_name,
        cast(aliases as {{ dbt.type_string() }}) as aliases,
        cast(actor_type as {{ dbt.type_string() }}) as actor_type,
        cast(nullif(cast(country_code as {{ dbt.type_string() }}), '') as {{ dbt.type_string() }}) as country_code,
        cast(nullif(cast(backer_country_code as {{ dbt.type_string() }}), '') as {{ dbt.type_string() }})
            as backer_country_code,
        cast(nullif(cast(wikidata_id as {{ dbt.type_string() }}), '') as {{ dbt.type_string() }}) as wikidata_id,
        cast(nullif(cast(parent_actor_id as {{ dbt.type_string() }}), '') as {{ dbt.type_string() }})
            as parent_actor_id,
        cast(description as {{ dbt.type_string() }}) as description,
        'dictionary' as actor_origin,
        {{ utc_timestamp('dbt_valid_from') }} as valid_from,
        {{ utc_timestamp('dbt_valid_to') }} as valid_to,
        dbt_valid_to is null as is_current
    from dictionary_versions
),

unresolved_names as (
    select
        actor1_key as actor_key,
        actor1_name as actor_name,
        actor1_type as actor_type,
        actor1_country_code as country_code
    from event_mentions
    where actor1_key <> 'unknown'
    union all
    select
        actor2_key,
        actor2_name,
        actor2_type,
        actor2_country_code
    from event_mentions
    where actor2_key <> 'unknown'
    union all
    select
        actor_key,
        actor_name,
        actor_type,
        country_code
    from actor_mentions
    where actor_key <> 'unknown'
),

unresolved_ranked as (
    select
        actor_key,
        actor_name,
        actor_type,
        country_code,
        row_number() over (
            partition by actor_key order by count(*) desc, actor_name, actor_type asc, country_code asc
        ) as name_rank
    from unresolved_names
    group by actor_key, actor_name, actor_type, country_code
),

unresolved as (
    -- names without a dictionary id, and ids the extractor used that the dictionary lacks
    select
        actor_key,
        case when actor_key like 'unres\_%' escape '\' then null else actor_key end as actor_id,
        actor_key as actor_version_id,
        actor_name,
        cast(null as {{ dbt.type_string() }}) as aliases,
        actor_type,
        country_code,
        cast(null as {{ dbt.type_string() }}) as backer_country_code,
        cast(null as {{ dbt.type_string() }}) as wikidata_id,
        cast(null as {{ dbt.type_string() }}) as parent_actor_id,
        'Named in text but not in the actor dictionary' as description,
        'unresolved' as actor_origin,
        cast(null as {{ dbt.type_timestamp() }}) as valid_from,
        cast(null as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current
    from unresolved_ranked
    where
        name_rank = 1
        and actor_key not in (select dictionary.actor_key from dictionary)
),

unknown_member as (
    select
        'unknown' as actor_key,
        cast(null as {{ dbt.type_string() }}) as actor_id,
        'unknown' as actor_version_id,
        'Unknown' as actor_name,
        cast(null as {{ dbt.type_string() }}) as aliases,
        'other' as actor_type,
        cast(null as {{ dbt.type_string() }}) as country_code,
        cast(null as {{ dbt.type_string() }}) as backer_country_code,
        cast(null as {{ dbt.type_string() }}) as wikidata_id,
        cast(null as {{ dbt.type_string() }}) as parent_actor_id,
        'No actor named' as description,
        'unknown' as actor_origin,
        cast(null as {{ dbt.type_timestamp() }}) as valid_from,
        cast(null as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current
),

final as (
    select * from dictionary
    union all
    select * from unresolved
    union all
    select * from unknown_member
)

select * from final
