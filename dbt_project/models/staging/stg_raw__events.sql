with source as (
    select * from {{ source('raw', 'events') }}
),

renamed as (
    select
        cast(event_mention_id as {{ dbt.type_string() }}) as event_mention_id,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(event_index as {{ dbt.type_int() }}) as event_index,
        cast(upper(event_type) as {{ dbt.type_string() }}) as event_type,
        cast(nullif(event_mode, '') as {{ dbt.type_string() }}) as event_mode,
        cast(acled_event_type as {{ dbt.type_string() }}) as acled_event_type,
        cast(acled_sub_event_type as {{ dbt.type_string() }}) as acled_sub_event_type,
        cast(cameo_root as {{ dbt.type_string() }}) as cameo_root,
        cast(actor1_name as {{ dbt.type_string() }}) as actor1_name,
        cast(actor1_actor_id as {{ dbt.type_string() }}) as actor1_id,
        cast(actor1_actor_type as {{ dbt.type_string() }}) as actor1_type,
        cast(actor1_country_code as {{ dbt.type_string() }}) as actor1_country_code,
        cast(actor1_backer_country_code as {{ dbt.type_string() }}) as actor1_backer_country_code,
        coalesce(cast(actor1_resolved as {{ dbt.type_boolean() }}), false) as actor1_is_resolved,
        cast(actor2_name as {{ dbt.type_string() }}) as actor2_name,
        cast(actor2_actor_id as {{ dbt.type_string() }}) as actor2_id,
        cast(actor2_actor_type as {{ dbt.type_string() }}) as actor2_type,
        cast(actor2_country_code as {{ dbt.type_string() }}) as actor2_country_code,
        cast(actor2_backer_country_code as {{ dbt.type_string() }}) as actor2_backer_country_code,
        coalesce(cast(actor2_resolved as {{ dbt.type_boolean() }}), false) as actor2_is_resolved,
        {{ place_columns("location") }},
        {{ place_columns("origin") }},
        {{ place_columns("destination") }},
        cast(date_start as date) as date_start,
        cast(date_end as date) as date_end,
        cast(date_precision as {{ dbt.type_string() }}) as date_precision,
        cast(fatalities_low as {{ dbt.type_int() }}) as fatalities_low,
        cast(fatalities_best as {{ dbt.type_int() }}) as fatalities_best,
        cast(fatalities_high as {{ dbt.type_int() }}) as fatalities_high,
        cast(fatalities_note as {{ dbt.type_string() }}) as fatalities_note,
        cast(source_original as {{ dbt.type_string() }}) as source_original,
        cast(sentence as {{ dbt.type_string() }}) as sentence,
        cast(sentence_index as {{ dbt.type_int() }}) as sentence_index,
        cast(start as {{ dbt.type_int() }}) as start,
        cast("end" as {{ dbt.type_int() }}) as "end",
        coalesce(cast(modality as {{ dbt.type_string() }}), 'asserted') as modality,
        cast(confidence as {{ type_double() }}) as confidence,
        cast(trigger as {{ dbt.type_string() }}) as trigger,
        cast(dt as date) as partition_date
    from source
)

select * from renamed
